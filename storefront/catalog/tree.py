"""The category tree, loaded whole: it is small and every page needs part of it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Category


@dataclass(frozen=True)
class CategoryTree:
    by_id: dict[int, Category]
    by_slug: dict[str, Category]
    children: dict[int | None, list[Category]]

    def roots(self) -> list[Category]:
        return self.children.get(None, [])

    def subtree_ids(self, category: Category) -> list[int]:
        ids, stack = [], [category]
        while stack:
            node = stack.pop()
            ids.append(node.id)
            stack.extend(self.children.get(node.id, []))
        return ids

    def ancestry(self, category: Category) -> list[Category]:
        """From the root down to `category`, for breadcrumbs."""
        path = [category]
        while path[0].parent_id is not None:
            path.insert(0, self.by_id[path[0].parent_id])
        return path

    def facet_value(self, category_id: int, under: Category | None) -> Category:
        """On a category page, the child of that category holding the product; in a search,
        the product's own category, which is what narrows a search best."""
        node = self.by_id[category_id]
        if under is None:
            return node
        while node.parent_id != under.id and node.parent_id is not None:
            node = self.by_id[node.parent_id]
        return node

    def labels(self, *, nested: bool) -> dict[str, str]:
        """Slug -> name, or the whole path ("Running › Shoes") where names repeat across
        branches of the tree."""
        if not nested:
            return {c.slug: c.name for c in self.by_id.values()}
        return {c.slug: " › ".join(a.name for a in self.ancestry(c)) for c in self.by_id.values()}


def category_tree(session: Session) -> CategoryTree:
    categories = list(session.scalars(select(Category).order_by(Category.position, Category.name)))
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    return CategoryTree(
        by_id={c.id: c for c in categories},
        by_slug={c.slug: c for c in categories},
        children=children,
    )
