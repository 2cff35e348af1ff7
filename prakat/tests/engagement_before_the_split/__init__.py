"""The "engagement" app's migrations as they were before the app was split into statistics,
survey and e-services: they build an install from before the split, for the test that
migrates one forward (test_engagement_split). Kept as they were, but for the module their
file fields' storage and upload paths now live in."""
