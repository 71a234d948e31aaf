"""锦江 samples for the platform's own models, discovered by the platform walks (tests/platform/)."""

from redcross.models import ImportJob


def import_job(personas):
    return ImportJob.objects.create(kind="people.person", file_name="锦江样本.xlsx", content=b"",
                                    created_by=personas["jinjiang"], region_id="510104000000")


SAMPLES = {
    ImportJob: import_job,
}
