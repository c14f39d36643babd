"""Shapes outside the subset the fast engine compiles are refused when they are read."""

from __future__ import annotations

from collections import Counter

import pytest

from iempkg._shacl_shapes import ShapesError, read_shapes
from iempkg._shacl_sparql import check_compilable
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


def test_a_datatype_oxigraph_cannot_check_is_refused_too() -> None:
    shapes = read_shapes(
        HEAD + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:anyURI ] ."
    )
    with pytest.raises(ShapesError, match="xsd:anyURI"):
        check_compilable(shapes)


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


# Features the compiler supports beyond what the project's shapes use today, against pyshacl.
MORE_SHAPES = (
    HEAD
    + """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:S a sh:NodeShape ; rdfs:label "S" ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:code ; sh:nodeKind sh:Literal ; sh:maxLength 3 ; sh:message "code" ] ,
        [ sh:path [ sh:inversePath ex:owns ] ; sh:minCount 1 ; sh:class ex:Owner ; sh:message "owner" ] ,
        [ sh:path ex:kind ; sh:or ( [ sh:hasValue ex:a ] [ sh:nodeKind sh:Literal ; sh:pattern "^b" ] ) ;
          sh:message "kind" ] ,
        [ sh:path ex:when ; sh:datatype xsd:decimal ; sh:minCount 2 ; sh:maxCount 2 ; sh:message "when" ] ,
        [ sh:path ex:label ; sh:pattern "^x" ; sh:flags "i" ; sh:message "label" ;
          sh:severity sh:Warning ] .
ex:T a sh:NodeShape ; rdfs:label "T" ; sh:targetClass ex:Top ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "name" ] .
"""
)
MORE_DATA = """@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Sub rdfs:subClassOf ex:Top . ex:SubSub rdfs:subClassOf ex:Sub .
ex:SubOwner rdfs:subClassOf ex:Owner .
ex:x1 a ex:C ; ex:code "abcd", ex:y, "ok" ; ex:kind ex:a, "bee", "cee", ex:b ;
    ex:when 1.5, "abc"^^xsd:decimal, "2" ; ex:label "Xylophone", "yak" .
ex:o1 a ex:SubOwner ; ex:owns ex:x1 .
ex:x2 a ex:C ; ex:when 1.0, 2.0 .
ex:o2 a ex:Stranger ; ex:owns ex:x2 .
ex:x3 a ex:C ; ex:when 3.0 .
ex:t1 a ex:SubSub . ex:t2 a ex:Sub ; ex:name "t2" .
"""


def test_more_features_give_the_same_results_as_pyshacl() -> None:
    import rdflib

    from iempkg._shacl_run import run
    from iempkg.validate import Violation, _pyshacl, from_rdflib

    data = rdflib.Graph().parse(data=MORE_DATA, format="turtle")
    kg = from_rdflib(data)
    fast = [Violation(**vars(r)) for r in run(kg, read_shapes(MORE_SHAPES))]
    shapes = rdflib.Graph().parse(data=MORE_SHAPES, format="turtle")
    reference = _pyshacl(kg, data, shapes)
    assert Counter(fast) == Counter(reference), (
        sorted(map(str, fast)),
        sorted(map(str, reference)),
    )
    found = {(v.focus.rsplit("/", 1)[-1], v.message, v.value) for v in fast}
    assert ("x1", "code", "abcd") in found and ("x1", "code", "http://example.org/y") in found
    assert ("x2", "owner", "http://example.org/o2") in found and ("x3", "owner", None) in found
    assert ("t1", "name", None) in found and {v.severity for v in fast} == {"Warning", "Violation"}
