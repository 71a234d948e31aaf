from django.urls import path

from sanxian import public

app_name = "sanxian-public"

urlpatterns = [
    path("", public.GuideView.as_view(), name="guide"),
    path("memorial/", public.MemorialWallView.as_view(), name="memorial"),
    path("figures/", public.FiguresView.as_view(), name="figures"),
]
