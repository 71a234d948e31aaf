"""Under real concurrent connections: bulletin numbers stay gapless and unique, a visit counts once."""

import pytest

from followups import services
from followups.models import Bulletin
from redcross.testing import run_at_once
from tests.followups import samples

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_publication_numbers_bulletins_without_gaps(personas):
    drafts = []
    for _ in range(8):
        draft = samples.bulletin(personas)
        drafts.append(services.bulletin_submit(bulletin=draft, actor=personas["jinjiang"]))
    pending = iter(drafts)  # a list iterator hands each thread its own draft (next() holds the GIL)

    outcomes = run_at_once(8, lambda: services.bulletin_publish(bulletin=next(pending), actor=personas["jinjiang"]))
    assert all(isinstance(o, Bulletin) for o in outcomes), outcomes
    numbers = sorted(Bulletin.objects.filter(organization=personas["orgs"]["jinjiang"])
                     .values_list("number", flat=True))
    assert numbers == list(range(1, 9))


def test_the_same_draft_published_twice_at_once_takes_one_number(personas):
    draft = services.bulletin_submit(bulletin=samples.bulletin(personas), actor=personas["jinjiang"])
    outcomes = run_at_once(4, lambda: services.bulletin_publish(bulletin=draft, actor=personas["jinjiang"]))
    assert sum(isinstance(o, Bulletin) for o in outcomes) == 1
    draft.refresh_from_db()
    assert draft.number == 1 and draft.status == "published"
    later = services.bulletin_submit(bulletin=samples.bulletin(personas), actor=personas["jinjiang"])
    assert services.bulletin_publish(bulletin=later, actor=personas["jinjiang"]).number == 2
