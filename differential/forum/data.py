"""Deterministic rows for the forum app (random.Random(7), explicit ids): a board with no threads and one with
no parent chain, members with no profile, posts or friends, threads with no posts, tags on no post; NULLs in
text, number, date, datetime, boolean and FK columns; a two-level multi-table chain Thread <- Announcement <-
Poll (each table saved on its own with save_base(raw=True))."""
import random
from datetime import date, datetime, timedelta


def build_data():
    from forum.models import (Board, Member, Tag, Profile, Thread, Announcement, Poll, Post, Moderation,
                              Reaction)

    rng = random.Random(7)
    boards = [Board(id=i, name=n, slug=s, parent_id=p, is_open=o, rank=r) for i, (n, s, p, o, r) in enumerate(
        [("General", "general", None, True, 1), ("Help", "help", 1, True, 2), ("Help Archive", "help-old", 2,
         False, None), ("Off-topic", "offtopic", None, True, 3), ("Empty", "empty", 4, False, None),
         ("Alpha", "alpha", None, True, None)], start=1)]  # Empty has no threads
    members = []
    for mid, name in enumerate(["ann", "Bob", "cat", "Dee", "Ed", "Fay", "Gus", "Hal", "Ivy", "Jo"], start=1):
        members.append(Member(
            id=mid, name=name, handle=f"{name.lower()}{mid}",
            email=f"{name.lower()}@forum.test" if rng.random() < 0.7 else None,
            joined=date(2018, 1, 1) + timedelta(days=rng.randint(0, 1500)) if rng.random() < 0.8 else None,
            verified=rng.choice([None, True, False]),
            invited_by_id=rng.randint(1, mid - 1) if mid > 1 and rng.random() < 0.6 else None))
    tags = [Tag(id=i, name=n, color=c) for i, (n, c) in enumerate(
        [("bug", "red"), ("idea", None), ("question", "blue"), ("meta", None), ("unused", "grey")], start=1)]
    profiles = [Profile(member_id=m, bio=rng.choice([None, "", "hello", "Moderator"]),
                        karma=rng.choice([None, 0, 5, 12, 40]),
                        home_board_id=rng.choice([None, "general", "help", "help-old", "offtopic"]))
                for m in [1, 2, 3, 5, 8, 9]]
    threads = []
    for tid in range(1, 17):
        threads.append(Thread(
            id=tid, board_id=rng.choice([1, 1, 2, 2, 3, 4, 6]), title=f"Thread {tid:02d}" if tid % 4 else "faq",
            author_id=rng.choice([None, 1, 2, 3, 4, 5, 6, 7]),
            closed_by_id=rng.choice([None, None, None, 1, 2, 9]),
            created=datetime(2023, 1, 1, 8) + timedelta(days=rng.randint(0, 300), hours=rng.randint(0, 12)),
            pinned=rng.random() < 0.25, solved=rng.choice([None, None, True, False]),
            score=rng.choice([None, 0, 1, 3, 7, 10])))
    announcements = [Announcement(thread_ptr_id=t, expires=rng.choice([None, date(2024, 1, 1), date(2023, 6, 1)]),
                                  level=rng.choice([1, 2, 3])) for t in [3, 6, 9, 12, 15]]
    polls = [Poll(announcement_ptr_id=t, question=f"Q{t}?",
                  closes=rng.choice([None, datetime(2024, 2, 1, 12)])) for t in [6, 12, 15]]
    posts = []
    for pid in range(1, 41):
        thread_id = rng.choice([1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 13])  # 12, 14, 15, 16 have no posts
        earlier = [p for p in posts if p.thread_id == thread_id]
        posted = datetime(2023, 3, 1, 9) + timedelta(days=rng.randint(0, 250), minutes=rng.randint(0, 600))
        posts.append(Post(
            id=pid, thread_id=thread_id, author_id=rng.choice([None, 1, 1, 2, 3, 3, 4, 5, 6, 8]),
            reply_to_id=rng.choice(earlier).id if earlier and rng.random() < 0.6 else None,
            body=rng.choice(["hi", "Thanks!", "same here", "see faq", "+1", "Works now"]) + f" #{pid}",
            posted=posted,
            edited=posted + timedelta(hours=rng.randint(1, 48)) if rng.random() < 0.3 else None,
            votes=rng.choice([0, 0, 1, 2, 5, -1])))
    post_tags = []
    through = Post.tags.through
    for post in posts:
        if post.id % 3 == 0:
            continue
        for tag_id in sorted(rng.sample(range(1, 5), rng.randint(1, 2))):  # "unused" is on no post
            post_tags.append(through(id=len(post_tags) + 1, post_id=post.id, tag_id=tag_id))
    friends = Member.friends.through
    friend_pairs = [(1, 2), (1, 3), (2, 4), (3, 5), (5, 6), (6, 8), (2, 8)]  # 7, 9, 10 have no friends
    friend_rows = []
    for a, b in friend_pairs:  # symmetrical: Django stores both directions
        for x, y in ((a, b), (b, a)):
            friend_rows.append(friends(id=len(friend_rows) + 1, from_member_id=x, to_member_id=y))
    follows = Member.follows.through
    follow_pairs = [(1, 2), (2, 1), (3, 1), (4, 1), (4, 2), (5, 3), (6, 1), (8, 9), (9, 8), (10, 4)]
    follow_rows = [follows(id=i, from_member_id=a, to_member_id=b) for i, (a, b) in enumerate(follow_pairs, 1)]
    moderations = [Moderation(id=i, board_id=b, moderator_id=m, appointed_by_id=a, since=s) for i, (b, m, a, s)
                   in enumerate([(1, 1, None, date(2019, 1, 1)), (1, 2, 1, date(2020, 5, 1)), (2, 2, 1, None),
                                 (2, 3, 2, date(2021, 2, 2)), (4, 5, None, None), (3, 1, 2, date(2022, 3, 3)),
                                 (6, 9, 9, None)], start=1)]
    reactions = []
    for post in posts:
        for member_id in sorted(rng.sample(range(1, 11), rng.choice([0, 0, 1, 2, 3]))):
            reactions.append(Reaction(id=len(reactions) + 1, post_id=post.id, member_id=member_id,
                                      kind=rng.choice(["like", "like", "laugh", "flag"]),
                                      weight=rng.choice([None, 1, 2])))
    return [(Board, boards), (Member, members), (Tag, tags), (Profile, profiles), (Thread, threads),
            (Announcement, announcements), (Poll, polls), (Post, posts), (through, post_tags),
            (friends, friend_rows), (follows, follow_rows), (Moderation, moderations), (Reaction, reactions)]
