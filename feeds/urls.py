from django.urls import path

from feeds import views
from feeds.feeds import CategoryFeed, SiteFeed
from initiatives.feeds import InitiativeFeed
from media_library.feeds import InfographicFeed, PublicationFeed, VideoFeed
from seminars.feeds import SeminarFeed

app_name = "feeds"
urlpatterns = [
    path("", views.FeedListView.as_view(), name="list"),
    path("all/", SiteFeed(), name="all"),
    path("initiatives/", InitiativeFeed(), name="initiatives"),
    path("videos/", VideoFeed(), name="videos"),
    path("publications/", PublicationFeed(), name="publications"),
    path("infographics/", InfographicFeed(), name="infographics"),
    path("seminars/", SeminarFeed(), name="seminars"),
    path("categories/<slug:slug>/", CategoryFeed(), name="category"),
]
