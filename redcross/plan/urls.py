from django.urls import path

from redcross.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("board.pdf", views.BoardPdfView.as_view(), name="board_pdf"),
]
