from django.urls import path, re_path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.SchoolListView.as_view(), name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.SchoolExportView.as_view(), name="export"),
    path("risk-reviews/", views.RiskReviewListView.as_view(), name="risk_reviews"),
    path("imports/", views.ImportListView.as_view(), name="imports"),
    path("imports/new/", views.ImportUploadView.as_view(), name="import_new"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import"),
    path("imports/<int:pk>/apply/", views.ImportApplyView.as_view(), name="import_apply"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit"),
    path("visits/<int:pk>/edit/", views.VisitFormView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/share/", views.VisitShareView.as_view(), name="visit_share"),
    path("visits/<int:pk>/respond/", views.VisitRespondView.as_view(), name="visit_respond"),
    path("<int:urn>/", views.SchoolDetailView.as_view(), name="detail"),
    path("<int:urn>/risk/", views.RiskAssessView.as_view(), name="risk_assess"),
    path("<int:urn>/visits/new/", views.VisitFormView.as_view(), name="visit_new"),
]
