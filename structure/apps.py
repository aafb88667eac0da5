from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "structure"
    verbose_name = "Samverkansstruktur"

    def ready(self) -> None:
        from accounts import permissions
        from structure import signals
        from structure.models import Membership, Position

        signals.connect()
        # The permissions decide from memberships; accounts sits below structure and does not
        # import it, so structure tells it how to read them (see `accounts.permissions`).
        permissions.read_memberships_from(
            permissions.MembershipSource(
                positions_of=Membership.objects.positions_of,
                chair=Position.CHAIR,
                vice_chair=Position.VICE_CHAIR,
            )
        )
