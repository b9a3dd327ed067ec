from django.urls import path

from seminars import views

app_name = "seminars"
urlpatterns = [
    path("seminars/", views.SeminarListView.as_view(), name="list"),
    path("seminars/<slug:slug>/", views.SeminarDetailView.as_view(), name="detail"),
    path("seminars/<slug:slug>/calendar.ics", views.calendar, name="calendar"),
    path("cities/", views.CityListView.as_view(), name="city_list"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city_detail"),
]
