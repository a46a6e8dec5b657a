from datetime import UTC, datetime, time

from sqlalchemy import event
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.inventory.availability import variant_availability
from storefront.stores.hours import PromiseKind
from storefront.stores.models import Store, StoreKind
from tests.factories import make_product, make_store, set_stock

TUESDAY_9_PARIS = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def test_my_store_first_then_the_nearest_with_stock_and_online(session: Session) -> None:
    variant = make_product(session).variants[0]
    lyon = make_store(session, "Lyon Part-Dieu")
    nearby = make_store(session, "Lyon Confluence", latitude=45.741, longitude=4.818)
    empty = make_store(session, "Villeurbanne", latitude=45.77, longitude=4.88)
    far = make_store(session, "Lille", latitude=50.63, longitude=3.06)
    warehouse = make_store(
        session, "Warehouse", kind=StoreKind.WAREHOUSE, latitude=45.7, longitude=4.9
    )
    set_stock(session, lyon, variant, 2)
    set_stock(session, nearby, variant, 10, reserved=1)
    set_stock(session, empty, variant, 1, reserved=1)
    set_stock(session, far, variant, 5)
    set_stock(session, warehouse, variant, 40)

    found = variant_availability(session, variant.id, my_store=lyon, now_utc=TUESDAY_9_PARIS)

    assert found.my_store is not None and found.my_store.sellable == 2
    assert found.my_store.low
    # Open 10:00-19:00, two hours to prepare: ready today from 12:00, Paris time.
    assert found.my_store.promise.kind is PromiseKind.TODAY
    assert found.my_store.promise.ready_at is not None
    assert found.my_store.promise.ready_at.time() == time(12, 0)
    assert [(s.store.name, s.sellable) for s in found.nearby] == [
        ("Lyon Confluence", 9),
        ("Lille", 5),
    ]
    assert found.nearby[0].distance_km is not None and found.nearby[0].distance_km < 5
    assert found.online == 40


def test_out_of_stock_in_my_store_comes_from_the_warehouse(session: Session) -> None:
    variant = make_product(session).variants[0]
    lyon = make_store(session, "Lyon Part-Dieu")
    warehouse = make_store(session, "Warehouse", kind=StoreKind.WAREHOUSE)
    set_stock(session, warehouse, variant, 3)

    found = variant_availability(session, variant.id, my_store=lyon, now_utc=TUESDAY_9_PARIS)

    assert found.my_store is not None and found.my_store.sellable == 0
    assert found.my_store.promise.kind is PromiseKind.TRANSFER
    assert found.my_store.promise.days == 3  # Friday


def test_without_a_store_only_online_is_known(session: Session) -> None:
    variant = make_product(session).variants[0]
    found = variant_availability(session, variant.id, my_store=None, now_utc=TUESDAY_9_PARIS)
    assert (found.my_store, found.nearby, found.online) == (None, [], 0)
    assert not found.near_origin


def three_stores_with_stock(session: Session) -> tuple[Variant, Store]:
    """Two shops in Lyon and one in Lille, each with 5 units; returns the variant and Lyon."""
    variant = make_product(session).variants[0]
    lyon = make_store(session, "Lyon Part-Dieu", latitude=45.7606, longitude=4.8593)
    confluence = make_store(session, "Lyon Confluence", latitude=45.741, longitude=4.818)
    lille = make_store(session, "Lille", latitude=50.63, longitude=3.06)
    for store in (lyon, confluence, lille):
        set_stock(session, store, variant, 5)
    return variant, lyon


def test_an_origin_ranks_the_nearby_stores_from_there_without_my_store(session: Session) -> None:
    variant, _lyon = three_stores_with_stock(session)

    found = variant_availability(
        session, variant.id, my_store=None, now_utc=TUESDAY_9_PARIS, origin=(50.64, 3.07)
    )

    assert found.my_store is None and found.near_origin
    assert [s.store.name for s in found.nearby] == ["Lille", "Lyon Part-Dieu", "Lyon Confluence"]
    assert found.nearby[0].distance_km is not None and found.nearby[0].distance_km < 2
    assert found.nearby[1].distance_km is not None and found.nearby[1].distance_km > 500


def test_an_origin_wins_over_my_store_which_stays_out_of_the_list(session: Session) -> None:
    variant, lyon = three_stores_with_stock(session)

    found = variant_availability(
        session, variant.id, my_store=lyon, now_utc=TUESDAY_9_PARIS, origin=(50.64, 3.07)
    )

    assert found.my_store is not None and found.my_store.store.name == "Lyon Part-Dieu"
    assert [s.store.name for s in found.nearby] == ["Lille", "Lyon Confluence"]
    assert found.nearby[0].distance_km is not None and found.nearby[0].distance_km < 2


def test_my_store_tells_its_shelf_in_the_one_stock_query(session: Session) -> None:
    variant = make_product(session).variants[0]
    lyon = make_store(session, "Lyon Part-Dieu")
    nearby = make_store(session, "Lyon Confluence", latitude=45.741, longitude=4.818)
    set_stock(session, lyon, variant, 2, location="Aisle 12, bay 3")
    set_stock(session, nearby, variant, 4, location="Rayon 7")
    stock_reads: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM stock_level" in statement:
            stock_reads.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        found = variant_availability(session, variant.id, my_store=lyon, now_utc=TUESDAY_9_PARIS)
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert found.my_store is not None and found.my_store.location == "Aisle 12, bay 3"
    assert [(near.store.name, near.location) for near in found.nearby] == [("Lyon Confluence", "")]
    assert len(stock_reads) == 1
