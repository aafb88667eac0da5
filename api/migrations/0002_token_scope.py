import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
        ('structure', '0005_timestamps'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='principal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='structure.principal', verbose_name='endast för huvudman'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='rate_limit_per_minute',
            field=models.PositiveIntegerField(blank=True, help_text='Tomt: webbplatsens standard för nycklar (API_TOKEN_RATE_LIMIT_PER_MINUTE).', null=True, verbose_name='anrop per minut'),
        ),
        # Tokens made before scopes existed could do all their owner could: they keep that.
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Läsa'), ('register', 'Läsa och registrera beslut')], default='register', max_length=20, verbose_name='behörighet'),
        ),
        # New tokens read only unless their owner asks for more.
        migrations.AlterField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Läsa'), ('register', 'Läsa och registrera beslut')], default='read', max_length=20, verbose_name='behörighet'),
        ),
    ]
