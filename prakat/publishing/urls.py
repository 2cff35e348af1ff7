from django.urls import path

from prakat.publishing import guide, report_views, views

app_name = "publishing"
urlpatterns = [
    path("new/", views.RequestCreateView.as_view(), name="request_new"),
    path("record/", views.RequestRecordView.as_view(), name="request_record"),
    path("<int:pk>/signed-form/", views.signed_form, name="signed_form"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("<int:pk>/fix/", views.RequestEditView.as_view(), name="request_fix"),
    path("<int:pk>/form.pdf", views.request_form_pdf, name="request_form_pdf"),
    path("<int:pk>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("memo.pdf", views.memo_pdf, name="memo_batch_pdf"),
    path("guide/", guide.GuideView.as_view(), name="guide"),
    path("guide/images/<str:name>", guide.guide_image, name="guide_image"),
    path(
        "reports/<int:pk>/<str:kind>",
        report_views.monthly_report_file,
        name="monthly_report_file",
    ),
    path("reports/moit1.pdf", report_views.moit1_evidence, name="moit1_evidence"),
    path(
        "reports/monitoring.pdf",
        report_views.acknowledge_monitoring,
        name="monitoring_summary",
    ),
]
