"""How reports write lists and paragraphs (dates: partnership.terms.long_date)."""


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def paragraphs(text: str) -> list[str]:
    """An officer's text as paragraphs: split at blank lines, each on one line."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]
