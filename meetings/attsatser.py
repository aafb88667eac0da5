"""R-S5: decisions are written as att-satser, one per line. They are stored without their
leading "att" (the output adds it), so "att anta rutinen" and "anta rutinen" are the same."""


def normalize(text: str) -> str:
    """The stored form: one att-sats per line, each without its leading "att"."""
    return "\n".join(_strip_att(line) for line in text.splitlines() if line.strip())


def split(stored: str) -> list[str]:
    """The att-satser of a stored text, for display."""
    return [line.strip() for line in stored.splitlines() if line.strip()]


def _strip_att(line: str) -> str:
    """R-S5: att-satser are stored without their leading "att"; the output adds it."""
    line = line.strip()
    return line[4:].strip() if line.lower().startswith("att ") else line
