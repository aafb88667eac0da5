app_name = "oparl"
urlpatterns = []
