"""Deterministic rows for the library app (random.Random(11), explicit ids): authors with no books and no
mentor, publishers with no books, books with no publisher, no authors, no genres, no detail; members with no
loans; NULLs in numeric, text and date columns."""
import random
from datetime import date, timedelta
from decimal import Decimal


def build_data():
    from library.models import Author, Publisher, Genre, Book, Contribution, BookDetail, Ebook, Member, Loan

    rng = random.Random(11)
    authors = []
    for aid, name in enumerate(["Ann", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gia", "Hugo", "Iris", "Jon",
                                "Kim", "Leo"], start=1):
        authors.append(Author(
            id=aid, name=name,
            born=date(1940, 1, 1) + timedelta(days=rng.randint(0, 20000)) if rng.random() < 0.75 else None,
            rating=rng.choice([None, 1, 2, 3, 3, 4, 5]),
            country=rng.choice([None, "FR", "NO", "NO", "US", "US"]),
            mentor_id=rng.randint(1, aid - 1) if aid > 1 and rng.random() < 0.5 else None))
    publishers = [Publisher(id=i, name=n, founded=f, city=c) for i, (n, f, c) in enumerate(
        [("Apex", 1950, "Paris"), ("Borealis", 1988, None), ("Cobalt", None, "Oslo"), ("Dune", 2001, "Paris"),
         ("Empty House", 1999, "Rome")], start=1)]  # Empty House has no books
    genres = [Genre(id=i, name=n) for i, n in enumerate(["Fiction", "History", "Poetry", "Science",
                                                          "Unused"], start=1)]
    books = []
    for bid in range(1, 21):
        books.append(Book(
            id=bid, title=f"Book {bid:02d}" if bid % 3 else f"book {bid:02d} omnibus",
            pages=rng.randint(80, 900) if rng.random() < 0.85 else None,
            price=Decimal(rng.randint(500, 6000)) / 100 if rng.random() < 0.8 else None,
            published=date(1990, 1, 1) + timedelta(days=rng.randint(0, 12000)) if rng.random() < 0.8 else None,
            publisher_id=rng.choice([None, 1, 1, 2, 3, 4]),
            editor_id=rng.choice([None, None, 1, 3, 5, 7])))
    contributions = []
    cid = 0
    for book in books:
        if book.id % 7 == 0:
            continue  # books 7 and 14 have no authors
        for author_id in sorted(rng.sample(range(1, 11), rng.randint(1, 3))):  # Kim and Leo wrote nothing
            cid += 1
            contributions.append(Contribution(id=cid, book_id=book.id, author_id=author_id,
                                              role=rng.choice(["writer", "writer", "translator", "illustrator"]),
                                              share=rng.choice([None, 10, 25, 50, 100])))
    through = Book.genres.through
    book_genres = []
    for book in books:
        if book.id % 5 == 0:
            continue
        for genre_id in sorted(rng.sample(range(1, 5), rng.randint(1, 2))):
            book_genres.append(through(id=len(book_genres) + 1, book_id=book.id, genre_id=genre_id))
    details = [BookDetail(id=i, book_id=b, isbn=f"978-{b:04d}", notes=rng.choice([None, "", "signed", "First"]))
               for i, b in enumerate([1, 2, 3, 5, 8, 13, 17, 19], start=1)]
    ebooks = [Ebook(book_ptr_id=b, file_mb=rng.choice([None, 2, 5, 12]), drm=rng.random() < 0.5)
              for b in [2, 4, 8, 11, 16]]
    members = []
    for mid, name in enumerate(["Mia", "Nils", "Omar", "Pam", "Quy", "Rosa", "Sam", "Tom"], start=1):
        members.append(Member(id=mid, name=name,
                              joined=date(2015, 1, 1) + timedelta(days=rng.randint(0, 2500))
                              if rng.random() < 0.8 else None,
                              referrer_id=rng.randint(1, mid - 1) if mid > 1 and rng.random() < 0.5 else None))
    loans = []
    for lid in range(1, 31):
        out = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
        loans.append(Loan(id=lid, book_id=rng.randint(1, 18), member_id=rng.choice([None, 1, 2, 2, 3, 4, 5, 6]),
                          out=out,
                          returned=out + timedelta(days=rng.randint(3, 60)) if rng.random() < 0.7 else None,
                          fine=rng.choice([None, None, Decimal("0.00"), Decimal("1.50"), Decimal("4.25")])))
    return [(Author, authors), (Publisher, publishers), (Genre, genres), (Book, books),
            (Contribution, contributions), (through, book_genres), (BookDetail, details), (Ebook, ebooks),
            (Member, members), (Loan, loans)]
