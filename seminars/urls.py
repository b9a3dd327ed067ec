app_name = "seminars"
urlpatterns = []
