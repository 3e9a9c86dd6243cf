"""Deterministic rows for the club app (random.Random(7), explicit ids): some people with no mentor, no
home, no membership; cities with no clubs; clubs with no city, no events, no members; events with no club
and no attendees."""
import random
from datetime import date, timedelta


def build_data():
    from club.models import City, Person, Club, Membership, Event

    rng = random.Random(7)
    cities = [City(id=i, name=n) for i, n in enumerate(["Lyon", "Oslo", "Quito", "Hanoi", "Perth"], start=1)]
    names = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Mo", "Ned",
             "Oda", "Pia", "Quin", "Rex", "Sol", "Tia"]
    people = []
    for pid, name in enumerate(names, start=1):
        people.append(Person(
            id=pid, name=name,
            age=rng.choice([None, 17, 23, 31, 31, 45, 52, 64]),
            mentor_id=rng.randint(1, pid - 1) if pid > 1 and rng.random() < 0.6 else None,
            home_id=rng.choice([None, 1, 1, 2, 3, 4])))  # nobody lives in Perth
    clubs = [Club(id=i, name=n, city_id=c) for i, (n, c) in enumerate(
        [("Chess", 1), ("Rowing", 2), ("Choir", 1), ("Go", None), ("Hiking", 3), ("Poetry", None)], start=1)]
    memberships = []
    mid = 0
    for person in people:
        if person.id % 5 == 0:
            continue  # a person with no club at all
        for club_id in sorted(rng.sample(range(1, 6), rng.randint(1, 3))):  # Poetry has no members
            mid += 1
            memberships.append(Membership(
                id=mid, person_id=person.id, club_id=club_id,
                role=rng.choice(["member", "member", "captain", "treasurer"]),
                since=date(2019, 1, 1) + timedelta(days=rng.randint(0, 1500)),
                fee=rng.choice([None, 0, 10, 25, 40])))
    events = []
    attendees = []
    for eid in range(1, 11):
        events.append(Event(id=eid, club_id=rng.choice([None, 1, 2, 2, 3, 5]),
                            title=f"Event {eid}", day=date(2023, 1, 1) + timedelta(days=7 * eid)))
        if eid % 4 != 0:  # every fourth event has no attendees
            for person_id in sorted(rng.sample(range(1, 21), rng.randint(1, 4))):
                attendees.append((eid, person_id))
    through = Event.attendees.through
    event_people = [through(id=i, event_id=e, person_id=p) for i, (e, p) in enumerate(attendees, start=1)]
    return [(City, cities), (Person, people), (Club, clubs), (Membership, memberships), (Event, events),
            (through, event_people)]
