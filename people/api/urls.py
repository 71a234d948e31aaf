from rest_framework.routers import DefaultRouter

from people.api import views

app_name = "people-api"

router = DefaultRouter()
router.register("persons", views.PersonViewSet)

urlpatterns = router.urls
