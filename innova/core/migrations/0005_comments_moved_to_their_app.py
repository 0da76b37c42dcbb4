"""Comment, CommentVote and Flag now belong to ``innova.comments``: they leave core's state only. Their tables
(``core_comment``, ``core_commentvote``, ``core_flag``) and rows stay as they are; ``comments.0001_initial`` takes
them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_comment_verbose_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CommentVote"),
                migrations.DeleteModel(name="Flag"),
                migrations.DeleteModel(name="Comment"),
            ],
            database_operations=[],
        ),
    ]
