from django.urls import path

from media_library import views

app_name = "media_library"
urlpatterns = [
    path("videos/", views.VideoListView.as_view(), name="video_list"),
    path("videos/<slug:slug>/", views.VideoDetailView.as_view(), name="video_detail"),
]
