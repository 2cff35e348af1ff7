"""Cases (complaints and questions) with their files and steps, the complaint reports published,
and the first list of corruption complaint handlers.

Before the "engagement" app was split in three, this was migration ``engagement.0003_eservices``
of the single "engagement" app. It replaces that migration: an install that has applied it
counts this one as applied and keeps its tables (named ``engagement_…`` still, by ``db_table``)
with every row; a new install creates them here. Keep ``replaces`` until every install has
migrated past the split.
"""

import django.db.models.deletion
import django.utils.timezone
import prakat.eservices.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('engagement', '0003_eservices')]

    initial = True

    dependencies = [
        ('agency', '0007_currency_and_executives'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Case',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tracking_code', models.CharField(max_length=16, unique=True, verbose_name='tracking code')),
                ('kind', models.CharField(choices=[('general', 'General complaint (service)'), ('corruption', 'Corruption or misconduct complaint'), ('question', 'Question')], max_length=20, verbose_name='type')),
                ('subject', models.CharField(max_length=200, verbose_name='subject')),
                ('details', models.TextField(verbose_name='details')),
                ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('contact_phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('status', models.CharField(choices=[('received', 'Received'), ('in_progress', 'In progress'), ('replied', 'Replied'), ('closed', 'Closed')], default='received', max_length=20, verbose_name='status')),
                ('received_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='received')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                ('published_as_qa_at', models.DateTimeField(blank=True, null=True, verbose_name='published as Q&A')),
                ('contact_erased_at', models.DateTimeField(blank=True, null=True, verbose_name='contact details erased')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agency.agency', verbose_name='agency')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='agency.unit', verbose_name='assigned unit')),
            ],
            options={
                'db_table': 'engagement_case',
                'verbose_name': 'complaint or question',
                'verbose_name_plural': 'complaints and questions',
                'ordering': ['-received_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CaseAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=255, storage=prakat.eservices.models.get_private_storage, upload_to=prakat.eservices.models.attachment_path, verbose_name='file')),
                ('original_filename', models.CharField(max_length=255, verbose_name='file name')),
                ('size', models.PositiveIntegerField(default=0, verbose_name='size')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='eservices.case')),
            ],
            options={
                'db_table': 'engagement_caseattachment',
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
            },
        ),
        migrations.CreateModel(
            name='CaseEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('received', 'Received'), ('assigned', 'Assigned to a unit'), ('replied', 'Replied'), ('note', 'Internal note'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('published_qa', 'Published as Q&A'), ('unpublished_qa', 'Removed from Q&A'), ('erased', 'Contact details and files erased')], max_length=20, verbose_name='step')),
                ('actor_name', models.CharField(blank=True, max_length=255, verbose_name='by')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='eservices.case')),
            ],
            options={
                'db_table': 'engagement_caseevent',
                'verbose_name': 'case step',
                'verbose_name_plural': 'case history',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ComplaintReportPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fiscal_year', models.PositiveIntegerField(verbose_name='fiscal year (B.E.)')),
                ('months', models.PositiveSmallIntegerField(verbose_name='months')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='published')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agency.agency', verbose_name='agency')),
                ('item', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.page', verbose_name='information item')),
            ],
            options={
                'db_table': 'engagement_complaintreportpublication',
                'verbose_name': 'published complaint report',
                'verbose_name_plural': 'published complaint reports',
                'constraints': [models.UniqueConstraint(fields=('agency', 'fiscal_year', 'months'), name='complaint_report_once')],
            },
        ),
        migrations.CreateModel(
            name='CorruptionComplaintHandler',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('named_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='named at')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agency.agency', verbose_name='agency')),
                ('named_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='named by')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'db_table': 'engagement_corruptioncomplainthandler',
                'verbose_name': 'corruption complaint handler',
                'verbose_name_plural': 'corruption complaint handlers',
                'constraints': [models.UniqueConstraint(fields=('agency', 'user'), name='corruption_handler_once')],
            },
        ),
    ]
