"""URLs of the peer-review programme (`/reviews/`). Every one has rows in the authorisation
matrix (tests/test_authorisation_matrix.py)."""

from django.urls import path

from . import views

app_name = "reviews"

review = "<int:pk>/"
cycle = "cycles/<int:pk>/"
urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="home"),
    path(review, views.ReviewDetailView.as_view(), name="review"),
    path(f"{review}self-evaluation/", views.SelfEvaluationView.as_view(), name="self_evaluation"),
    path(f"{review}findings/", views.FindingsView.as_view(), name="findings"),
    path(f"{review}priorities/", views.PrioritiesView.as_view(), name="priorities"),
    path(
        f"{review}priorities/<int:priority>/support/",
        views.PrioritySupportView.as_view(),
        name="priority_support",
    ),
    path(f"{review}team/", views.TeamView.as_view(), name="team"),
    path(f"{review}team/<int:member>/remove/", views.TeamRemoveView.as_view(), name="team_remove"),
    path(f"{review}schedule/", views.ScheduleEditView.as_view(), name="schedule"),
    path(f"{review}status/<slug:action>/", views.MoveView.as_view(), name="move"),
    path(f"{review}sharing/", views.SharingView.as_view(), name="sharing"),
    path(f"{review}workshop/", views.WorkshopView.as_view(), name="workshop"),
    path(f"{review}report.pdf", views.ReviewPdfView.as_view(), name="pdf"),
    path("themes/", views.ThemesView.as_view(), name="themes"),
    path("cycles/", views.CycleListView.as_view(), name="cycles"),
    path("cycles/new/", views.CycleFormView.as_view(), name="cycle_new"),
    path(cycle, views.CycleDetailView.as_view(), name="cycle"),
    path(f"{cycle}edit/", views.CycleFormView.as_view(), name="cycle_edit"),
    path(f"{cycle}clusters/new/", views.ClusterFormView.as_view(), name="cluster_new"),
    path(f"{cycle}clusters/<int:cluster>/", views.ClusterFormView.as_view(), name="cluster_edit"),
    path(
        f"{cycle}clusters/from-register/",
        views.ClustersFromRegisterView.as_view(),
        name="clusters_copy",
    ),
    path(f"{cycle}conflicts/new/", views.ConflictFormView.as_view(), name="conflict_new"),
    path(f"{cycle}schedule/", views.GenerateScheduleView.as_view(), name="generate"),
    path("frameworks/", views.FrameworkListView.as_view(), name="frameworks"),
    path("frameworks/scales/new/", views.ScaleFormView.as_view(), name="scale_new"),
    path("frameworks/<int:pk>/", views.FrameworkDetailView.as_view(), name="framework"),
    path(
        "frameworks/<int:pk>/new-version/",
        views.FrameworkVersionView.as_view(),
        name="framework_version",
    ),
    path("frameworks/<int:pk>/areas/new/", views.AreaFormView.as_view(), name="area_new"),
    path("frameworks/<int:pk>/areas/<int:area>/", views.AreaFormView.as_view(), name="area_edit"),
    path("training/", views.TrainingListView.as_view(), name="training"),
    path("training/new/", views.TrainingSessionFormView.as_view(), name="training_new"),
    path("training/<int:pk>/", views.TrainingSessionView.as_view(), name="training_session"),
]
