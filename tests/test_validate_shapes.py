"""Shapes outside the subset the fast engine compiles are refused when they are read."""

from __future__ import annotations

import pytest

from iempkg._shacl_shapes import ShapesError, read_shapes
from iempkg.validate import compiled_shapes

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def test_the_projects_shapes_are_all_compiled() -> None:
    shapes = compiled_shapes()
    assert len(shapes) == 13
    assert sum(len(s.properties) for s in shapes) == 38
    assert sum(len(s.sparql) for s in shapes) == 2


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "sh:closed"),
        ("ex:S a sh:NodeShape ; sh:targetNode ex:a .", "sh:targetNode"),
        ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] .", "sh:node"),
        (
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ] .",
            "sh:qualifiedMinCount",
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ] .",
            "sh:alternativePath",
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:or ( [ sh:path ex:q ; sh:minCount 1 ] ) ] .",
            "sh:minCount",
        ),
        ("ex:P a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .", "kind of shape"),
        (
            "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "
            '"SELECT $this WHERE { $this ex:p ?x } GROUP BY $this" ] .',
            "GROUP BY",
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "
            '"SELECT $this WHERE { $this ex:p ?x MINUS { ?x ex:q ?y } }" ] .',
            "MINUS",
        ),
        (
            'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT ?x WHERE { ?x ex:p ?y }" ] .',
            "SELECT of $this",
        ),
    ],
)
def test_unsupported_shacl_is_a_clear_error_at_load_time(body: str, named: str) -> None:
    with pytest.raises(ShapesError) as error:
        read_shapes(HEAD + body)
    assert named in str(error.value)


def test_paths_and_deactivated_shapes() -> None:
    shapes = read_shapes(
        HEAD
        + """ex:S sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ; sh:minCount 1 ] ,
                        [ sh:path ex:r ; sh:closed true ; sh:deactivated true ] .
        ex:Off sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:node ex:X ] ."""
    )
    assert [s.iri for s in shapes] == ["http://example.org/S"]
    (path,) = [p.path for p in shapes[0].properties]
    assert path.text == "<http://example.org/p>/^<http://example.org/q>"
    assert path.pattern("?this", "?v") == (
        "?this <http://example.org/p> ?_step1 . ?v <http://example.org/q> ?_step1"
    )
