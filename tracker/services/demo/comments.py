"""Demo comments: a few exchanges between owners and the programme manager on live items."""

from ...models import Comment

# (ref, author key, days ago, text), oldest first within each item.
COMMENTS = (
    ("A1", "manager", 9, "Draft 2 uploaded. Partners, please send comments on your sections by Friday."),
    ("A1", "dco", 6, "Health sections updated with the latest therapy waiting times; the ADHD pathway figures "
                     "need checking with the provider."),
    ("A1", "pcf", 4, "Forum members would like the parent survey findings quoted in the co-production section."),
    ("A23", "social_care", 16, "Review postponed; the new timeline goes to the Joint Commissioning Group next "
                               "month."),
    ("A23", "manager", 11, "Flagged to the Board as a risk. Can we show interim evidence of the current offer?"),
    ("A14", "head_send", 8, "Monthly audit sample agreed with health and social care; first moderation meeting "
                            "booked."),
    ("A6", "manager", 20, "Latest minutes attached; they also evidence the governance arrangements (A5)."),
    ("A29", "head_send", 5, "Restricted item: keep the attendee list in the secure folder, not as an upload here."),
)


def load(ctx) -> None:
    for ref, author_key, days_ago, body in COMMENTS:
        ctx.session.add(Comment(evidence_item_id=ctx.items[ref].id, author_id=ctx.users[author_key].id,
                                body=body, created_at=ctx.moment(days_ago)))
    ctx.result.add("comments", len(COMMENTS))
