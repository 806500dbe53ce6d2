"""The default framework: Ofsted's report-card evaluation areas, each on the five-point scale
(DESIGN.md §3), with safeguarding met or not met. Officers add versions of their own."""

from django.db import migrations

FIVE_POINT = [
    {"code": "exceptional", "label": "Exceptional"},
    {"code": "strong", "label": "Strong standard"},
    {"code": "expected", "label": "Expected standard"},
    {"code": "needs_attention", "label": "Needs attention"},
    {"code": "urgent_improvement", "label": "Urgent improvement"},
]
MET = [{"code": "met", "label": "Met"}, {"code": "not_met", "label": "Not met"}]

AREAS = [
    ("inclusion", "Inclusion", False, [
        "How well are pupils with SEND and disadvantaged pupils identified and supported?",
        "Do all pupils get the same ambitious curriculum?",
    ]),
    ("curriculum_teaching", "Curriculum and teaching", False, [
        "Is the curriculum well sequenced and taught consistently across the school?",
        "How well do teachers check what pupils know and adapt their teaching?",
        "How well are pupils taught to read?",
    ]),
    ("achievement", "Achievement", False, [
        "What do pupils know and remember? How well do outcomes reflect this?",
        "How well do disadvantaged pupils achieve compared with others?",
    ]),
    ("attendance_behaviour", "Attendance and behaviour", False, [
        "What are attendance and persistent absence, and what is being done?",
        "Is behaviour calm and orderly in lessons and around the school?",
    ]),
    ("personal_development", "Personal development and well-being", False, [
        "How does the school develop pupils' character, health and readiness for the next stage?",
    ]),
    ("early_years", "Early years", True, [
        "How well does the early years curriculum prepare children for Year 1?",
    ]),
    ("post_16", "Post-16 provision", True, [
        "How well does the sixth form prepare students for their next steps?",
    ]),
    ("leadership_governance", "Leadership and governance", False, [
        "How well do leaders know the school's strengths and weaknesses?",
        "How well do governors hold leaders to account?",
        "How do leaders manage staff workload and well-being?",
    ]),
    ("safeguarding", "Safeguarding", False, [
        "Is there an open culture of safeguarding? Are records, checks and referrals timely?",
    ]),
]


def seed(apps, schema_editor):
    GradeScale = apps.get_model("reviews", "GradeScale")
    Framework = apps.get_model("reviews", "Framework")
    FrameworkArea = apps.get_model("reviews", "FrameworkArea")
    five, _ = GradeScale.objects.get_or_create(
        name="Report-card grades (five-point)", defaults={"levels": FIVE_POINT}
    )
    met, _ = GradeScale.objects.get_or_create(
        name="Met or not met", defaults={"levels": MET}
    )
    framework, created = Framework.objects.get_or_create(
        name="Partnership peer review framework",
        version=1,
        defaults={
            "is_default": True,
            "description": "Follows Ofsted's report-card evaluation areas (from November "
            "2025), each graded on the five-point scale, with safeguarding met or not met.",
        },
    )
    if not created:
        return
    for order, (code, name, optional, prompts) in enumerate(AREAS):
        FrameworkArea.objects.create(
            framework=framework,
            code=code,
            name=name,
            prompts="\n".join(prompts),
            scale=met if code == "safeguarding" else five,
            only_where_applicable=optional,
            order=order,
        )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_peer_review")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
