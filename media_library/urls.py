from django.urls import path

from media_library import views

app_name = "media_library"
urlpatterns = [
    path("videos/", views.VideoListView.as_view(), name="video_list"),
    path("videos/<slug:slug>/", views.VideoDetailView.as_view(), name="video_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("publications/<slug:slug>/files/<int:pk>/", views.publication_file, name="publication_file"),
    path("infographics/", views.InfographicListView.as_view(), name="infographic_list"),
    path("infographics/all.zip", views.infographic_archive, name="infographic_archive"),
    path("infographics/<slug:slug>/original/", views.infographic_download, name="infographic_download"),
]
