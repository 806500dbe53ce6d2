"""The controlled lists: specialisms (shared by leaders and needs) and designation types.

Starting values only; an administrator may add, rename or reorder them in the admin site.
"""

from django.db import migrations

SPECIALISMS = [
    ("leadership", "Leadership"),
    ("governance", "Governance"),
    ("english", "English, reading and phonics"),
    ("maths", "Maths"),
    ("science", "Science"),
    ("early_years", "Early years"),
    ("send", "SEND and inclusion"),
    ("behaviour_attendance", "Behaviour and attendance"),
    ("safeguarding", "Safeguarding"),
    ("curriculum", "Curriculum"),
    ("assessment", "Assessment"),
    ("finance", "Finance and business"),
    ("disadvantaged", "Disadvantaged pupils"),
    ("self_evaluation", "Self-evaluation"),
]
DESIGNATIONS = [
    ("nle", "National Leader of Education", False),
    ("lle", "Local Leader of Education", False),
    ("sle", "Specialist Leader of Education", False),
    ("nlg", "National Leader of Governance", False),
    ("sep", "Self Evaluation Partner", True),
    ("executive_head", "Executive headteacher", False),
    ("hub_lead", "Teaching school hub lead", False),
    ("la_adviser", "LA adviser", False),
]


def add(apps, schema_editor):
    Specialism = apps.get_model("partnership", "Specialism")
    DesignationType = apps.get_model("partnership", "DesignationType")
    for order, (code, name) in enumerate(SPECIALISMS):
        Specialism.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for order, (code, name, qa) in enumerate(DESIGNATIONS):
        DesignationType.objects.get_or_create(
            code=code, defaults={"name": name, "needs_quality_assurance": qa, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("partnership", "0003_system_leaders_and_brokerage")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
