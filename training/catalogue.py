"""The standard curriculum catalogue (DOMAIN.md, First-aid training); hours, marks and validity are data."""

from decimal import Decimal

from training.choices import CourseKind

# code, name, kind, hours, passing mark, skills test, validity (years)
STANDARD_COURSES = [
    ("awareness-4", "应急救护普及培训", CourseKind.AWARENESS, "4", None, False, None),
    ("first-aider-16", "红十字救护员培训", CourseKind.FIRST_AIDER, "16", 80, True, 3),
    ("aed-4", "AED使用与心肺复苏", CourseKind.AED, "4", 80, True, 3),
    ("psychological-8", "心理急救", CourseKind.PSYCHOLOGICAL, "8", 70, False, 3),
    ("water-safety-6", "水上安全与自救互救", CourseKind.WATER_SAFETY, "6", 80, True, 2),
    ("instructor-40", "红十字救护师资培训", CourseKind.INSTRUCTOR, "40", 85, True, 3),
]


def catalogue_load() -> int:
    """Create the standard courses that are missing; never overwrites what the city changed. Idempotent."""
    from training.models import Course

    have = set(Course.objects.values_list("code", flat=True))
    new = [Course(code=code, name=name, kind=kind, hours=Decimal(hours), passing_score=mark,
                  requires_skills_test=skills, validity_years=years)
           for code, name, kind, hours, mark, skills, years in STANDARD_COURSES if code not in have]
    Course.objects.bulk_create(new)
    return len(new)
