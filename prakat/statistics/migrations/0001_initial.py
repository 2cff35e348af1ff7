"""Page views: one row a page a day.

Before the "engagement" app was split in three, this was migration ``engagement.0001_initial``
of the single "engagement" app. It replaces that migration: an install that has applied it
counts this one as applied and keeps its table (named ``engagement_…`` still, by ``db_table``)
with every row; a new install creates it here. Keep ``replaces`` until every install has
migrated past the split.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('engagement', '0001_initial')]

    initial = True

    dependencies = [
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageView',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('views', models.PositiveIntegerField(default=0, verbose_name='views')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.page', verbose_name='page')),
            ],
            options={
                'db_table': 'engagement_pageview',
                'verbose_name': 'page views',
                'verbose_name_plural': 'page views',
                'indexes': [models.Index(fields=['day'], name='engagement__day_c2b6f9_idx')],
                'constraints': [models.UniqueConstraint(fields=('page', 'day'), name='page_view_one_row_a_day')],
            },
        ),
    ]
