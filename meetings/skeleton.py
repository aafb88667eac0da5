"""R-S4: the standard agenda skeleton, as in the seeds' minutes.

Items marked `tail` stay last: new items are inserted before "Övriga frågor".
"""

from meetings.models import ItemKind

SKELETON = [
    ("Mötet öppnas", ItemKind.PROCEDURE, False),
    ("Val av mötesordförande och justeringsperson", ItemKind.PROCEDURE, False),
    ("Fastställande av dagordning", ItemKind.PROCEDURE, False),
    ("Föregående mötes minnesanteckningar", ItemKind.PROCEDURE, False),
    ("Rapporter", ItemKind.INFORMATION, False),
    ("Övriga frågor", ItemKind.DISCUSSION, True),
    ("Nästa möte", ItemKind.PROCEDURE, True),
    ("Mötet avslutas", ItemKind.PROCEDURE, True),
]

TAIL_TITLES = {title for title, _, tail in SKELETON if tail}
