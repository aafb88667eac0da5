"""`Addressee.decided` follows its decision: set when a decision is saved, cleared when it is
deleted (also by a queryset delete, which sends these signals). Bulk inserts send none and set
the flag themselves (the bench's seeder, `testing.volume`)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cases.models import Addressee, PrincipalDecision


@receiver(post_save, sender=PrincipalDecision)
def mark_decided(sender, instance: PrincipalDecision, raw: bool = False, **kwargs) -> None:
    Addressee.objects.filter(pk=instance.addressee_id, decided=False).update(decided=True)


@receiver(post_delete, sender=PrincipalDecision)
def mark_waiting(sender, instance: PrincipalDecision, **kwargs) -> None:
    Addressee.objects.filter(pk=instance.addressee_id).update(decided=False)
