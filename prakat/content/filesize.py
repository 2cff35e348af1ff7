"""File sizes as people read them: ``1.2 MB``, ``350 KB``."""


def human_size(num_bytes: int | None) -> str:
    if num_bytes is None:
        return ""
    if num_bytes < 1024:
        return f"{num_bytes} B"
    if num_bytes < 1024 * 1024:
        return f"{num_bytes / 1024:.0f} KB"
    mb = num_bytes / (1024 * 1024)
    # Whole megabytes read as limits ("4 MB"); anything else keeps one decimal ("1.2 MB").
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
