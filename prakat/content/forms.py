"""Wagtail's document, image and profile-picture forms with the upload policy applied.

Wagtail uses these bases (``WAGTAILDOCS_DOCUMENT_FORM_BASE``, ``WAGTAILIMAGES_IMAGE_FORM_BASE``)
for single upload, multiple upload and the chooser's upload tab alike, and the account
settings' profile picture panel uses :class:`AvatarForm` (see ``ContentConfig.ready``), so the
policy holds wherever a staff member can add a file.
"""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms.account import AvatarPreferencesForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from prakat.content.filesize import human_size
from prakat.content.upload_policy import UploadPolicy


def apply_upload_policy(
    form: forms.BaseForm, *, images_only: bool, field_name: str = "file"
) -> None:
    """Make the form's file field refuse what the policy refuses, before anything else runs.

    Wagtail's own field checks (extension, size, image decoding) come after ours, so the
    person reads the policy's Thai message naming the rule, not a generic one.
    """
    field = form.fields.get(field_name)
    if field is None:
        return
    policy = UploadPolicy.current()
    wagtail_to_python = field.to_python

    def to_python(data):
        uploaded = forms.FileField.to_python(field, data)
        if uploaded is not None:
            policy.check(uploaded, images_only=images_only)
        return wagtail_to_python(data)

    field.to_python = to_python
    # The multiple uploader also checks size in the browser, from these attributes.
    field.max_upload_size = policy.max_bytes
    field.error_messages["file_too_large_unknown_size"] = _(
        "This file is larger than the limit of %(limit)s a file."
    ) % {"limit": human_size(policy.max_bytes)}
    field.help_text = policy.describe(images_only=images_only)
    field.widget.attrs["accept"] = ",".join(
        f".{e}" for e in policy.accepted_extensions(images_only=images_only)
    )


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_upload_policy(self, images_only=False)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_upload_policy(self, images_only=True)


class AvatarForm(AvatarPreferencesForm):
    """The profile picture: an image like any other, so JPEG or PNG within the size limit.

    Wagtail's own form takes any image Pillow opens (GIF, BMP, TIFF…) and resizes it before
    anything checks its size, which fails on a file cut off at the limit.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_upload_policy(self, images_only=True, field_name="avatar")
