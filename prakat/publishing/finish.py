"""What ends a publication workflow (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Imports nothing at module level: Wagtail loads this while its own models are being defined.
"""


def publish_approved_request(workflow_state, user=None) -> None:
    """Publish the latest revision of the item whose request was approved at every step.

    Items cannot be published from the editor by anyone (``ItemPermissionTester``); the
    webmaster step that ends here has already checked that this person may publish it.
    """
    # Wagtail imports this module while it defines WorkflowState, before any app's models.
    from prakat.content.going_live import publication_authorised

    with publication_authorised():
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=True
        )
