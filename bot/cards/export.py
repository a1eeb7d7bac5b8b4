"""The card that hands out a CSV export link."""

from bot.cards.common import adaptive_card, open_url, text_block
from bot.reply import Reply


def export_link_reply(link: str) -> Reply:
    """A card with the CSV link, how long it lasts and who should see it."""
    card = adaptive_card(
        [text_block("Download the results as CSV", weight="Bolder"),
         text_block("The link works for 24 hours. Anyone with the link can open it, so share it only "
                    "with colleagues who should see the assessment.", is_subtle=True)],
        [open_url("Download CSV", link)],
        fallback=f"Download the results as CSV: {link}",
    )
    return Reply(cards=(card,), summary="CSV export")
