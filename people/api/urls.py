from rest_framework.routers import DefaultRouter

from people.api import views

router = DefaultRouter()
router.register("persons", views.PersonViewSet)

urlpatterns = router.urls
