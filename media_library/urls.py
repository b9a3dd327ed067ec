app_name = "media_library"
urlpatterns = []
