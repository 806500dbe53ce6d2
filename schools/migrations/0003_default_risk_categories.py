"""The default risk scale: categories 1–4 for maintained schools, two for academies.

An LA may rename, recolour, add or retire categories afterwards (admin site); these are only the
starting point, the scale most councils' school-improvement strategies describe.
"""

from django.db import migrations

DEFAULTS = [
    # name, description, colour, applies to, order, review within (months)
    ("Category 1: universal", "Good or better; self-improving; universal support and annual challenge.", "green", "maintained", 1, 12),
    ("Category 2: targeted", "Some aspects need improving; targeted support and termly challenge.", "amber", "maintained", 2, 6),
    ("Category 3: intensive", "Significant concerns; intensive brokered support and half-termly review.", "red", "maintained", 3, 3),
    ("Category 4: causing concern", "Causing concern; formal intervention (warning notice, governance changes).", "red", "maintained", 4, 1),
    ("Academy: monitoring", "An academy the LA monitors through data and its trust; no concerns raised.", "grey", "academy", 5, 12),
    ("Academy: concerns raised with the DfE", "Concerns raised with the trust and the DfE regional director.", "red", "academy", 6, 3),
]


def add_defaults(apps, schema_editor):
    RiskCategory = apps.get_model("schools", "RiskCategory")
    for name, description, colour, applies_to, order, months in DEFAULTS:
        RiskCategory.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "colour": colour,
                "applies_to": applies_to,
                "order": order,
                "review_months": months,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0002_register_inspections_risk_imports")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
