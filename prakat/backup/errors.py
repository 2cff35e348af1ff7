class BackupError(Exception):
    """An archive cannot be made or restored; the message says which rule or check failed."""
