"""URLs of the reports app, under /reports/. Every one has rows in the authorisation matrix."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportsHomeView.as_view(), name="home"),
    path("committee/new/", views.CommitteeReportFormView.as_view(), name="committee_new"),
    path("committee/<int:pk>/", views.CommitteeReportDetailView.as_view(), name="committee"),
    path(
        "committee/<int:pk>/edit/", views.CommitteeReportFormView.as_view(), name="committee_edit"
    ),
    path("committee/<int:pk>/draft/", views.CommitteeDraftView.as_view(), name="committee_draft"),
    path(
        "committee/<int:pk>/publish/",
        views.CommitteePublishView.as_view(),
        name="committee_publish",
    ),
    path("journal/", views.JournalListView.as_view(), name="journal"),
    path("journal/new/", views.JournalDraftNewView.as_view(), name="journal_new"),
    path("journal/<int:pk>/", views.JournalIssueView.as_view(), name="journal_issue"),
    path("journal/<int:pk>/edit/", views.JournalIssueEditView.as_view(), name="journal_edit"),
    path("journal/<int:pk>/draft/", views.JournalDraftPdfView.as_view(), name="journal_draft"),
    path("journal/<int:pk>/publish/", views.JournalPublishView.as_view(), name="journal_publish"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="job"),
    path("jobs/<int:pk>/again/", views.JobRunAgainView.as_view(), name="job_again"),
    path("jobs/<int:pk>/download/", views.JobDownloadView.as_view(), name="download"),
    path("schools/<int:urn>/profile/", views.SchoolProfileView.as_view(), name="school_profile"),
]
