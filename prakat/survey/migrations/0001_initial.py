"""The satisfaction survey's answers, ratings and the day's visitor keys.

Before the "engagement" app was split in three, this was migration ``engagement.0002_survey`` of
the single "engagement" app. It replaces that migration: an install that has applied it counts
this one as applied and keeps its tables (named ``engagement_…`` still, by ``db_table``) with
every row; a new install creates them here. Keep ``replaces`` until every install has migrated
past the split.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('engagement', '0002_survey')]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(db_index=True, verbose_name='submitted at')),
                ('comment', models.TextField(blank=True, max_length=1000, verbose_name='comment')),
            ],
            options={
                'db_table': 'engagement_surveyresponse',
                'verbose_name': 'survey response',
                'verbose_name_plural': 'survey responses',
                'ordering': ['submitted_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SurveyVisitorKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('key', models.CharField(max_length=64, verbose_name='key')),
            ],
            options={
                'db_table': 'engagement_surveyvisitorkey',
                'verbose_name': 'survey visitor key',
                'verbose_name_plural': 'survey visitor keys',
                'constraints': [models.UniqueConstraint(fields=('day', 'key'), name='survey_one_response_a_day')],
            },
        ),
        migrations.CreateModel(
            name='SurveyRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('aspect', models.CharField(max_length=40, verbose_name='aspect')),
                ('level', models.PositiveSmallIntegerField(verbose_name='level')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ratings', to='survey.surveyresponse', verbose_name='survey response')),
            ],
            options={
                'db_table': 'engagement_surveyrating',
                'verbose_name': 'survey rating',
                'verbose_name_plural': 'survey ratings',
                'indexes': [models.Index(fields=['aspect', 'level'], name='engagement__aspect_2f647d_idx')],
                'constraints': [models.UniqueConstraint(fields=('response', 'aspect'), name='survey_one_rating_an_aspect'), models.CheckConstraint(condition=models.Q(('level__gte', 1), ('level__lte', 5)), name='survey_level_1_to_5')],
            },
        ),
    ]
