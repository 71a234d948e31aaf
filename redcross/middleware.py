from functools import lru_cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from pghistory.middleware import HistoryMiddleware as PghistoryMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user picked English with the switch (the language cookie).

    The browser's Accept-Language is not consulted: a staffer on an English
    system still gets the Chinese portal until they choose otherwise.
    """

    def process_request(self, request):
        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HistoryMiddleware(PghistoryMiddleware):
    """pghistory's context (user and URL of each change) around write requests, except POSTs that only read.

    Inside the context pghistory prefixes every SQL statement with two set_config() calls. A public lookup posts
    its receipt number and mobile only to keep them out of URLs and logs, and writes nothing: its view says so
    (`reads_only`, see redcross.api.viewsets.posts_without_writing), and its reads run without the prefix.
    """

    def __call__(self, request):
        if request.method == "POST" and reads_only(request.path_info, getattr(request, "urlconf", None)):
            return self.get_response(request)
        return super().__call__(request)


@lru_cache(maxsize=256)
def reads_only(path: str, urlconf=None) -> bool:
    """Whether the view at `path` declares it only reads (`reads_only` on the view, its class or DRF's class)."""
    try:
        view = resolve(path, urlconf).func
    except Resolver404:
        return False
    return any(getattr(owner, "reads_only", None) for owner in
               (view, getattr(view, "view_class", None), getattr(view, "cls", None)) if owner is not None)
