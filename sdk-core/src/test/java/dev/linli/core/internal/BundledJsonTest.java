package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.circle.CircleStandard;
import dev.linli.core.circle.IndexWeights;
import dev.linli.core.circle.StarRating;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.io.LinliJson;
import org.junit.jupiter.api.Test;

/** The bundled documents read field by field are the records the mapper reads from them. */
class BundledJsonTest {
  @Test
  void standard_isWhatTheMapperReads() {
    CircleStandard viaMapper = JsonDocuments.bundled(CircleStandard.class, "gb50180-2018.json",
        CircleStandard.FORMAT, CircleStandard.class);
    assertEquals(viaMapper, CircleStandard.gb50180());
    // Map order too: the standard keeps its served ages sorted either way.
    assertEquals(viaMapper.servedAges().toString(), CircleStandard.gb50180().servedAges()
        .toString());
  }

  @Test
  void taxonomy_isWhatTheMapperReads() {
    assertEquals(JsonDocuments.bundled(FacilityTaxonomy.class, "hangzhou-taxonomy.json",
        LinliJson.TAXONOMY_FORMAT, FacilityTaxonomy.class), FacilityTaxonomy.hangzhou());
  }

  @Test
  void rating_isWhatTheMapperReads() {
    assertEquals(JsonDocuments.bundled(StarRating.class, "five-stars-three-colours.json",
        StarRating.FORMAT, StarRating.class), StarRating.defaults());
  }

  @Test
  void weights_isWhatTheMapperReads() {
    IndexWeights viaMapper = JsonDocuments.bundled(IndexWeights.class, "index-weights.json",
        IndexWeights.FORMAT, IndexWeights.class);
    assertEquals(viaMapper, IndexWeights.defaults());
    assertEquals(viaMapper.categories().toString(), IndexWeights.defaults().categories()
        .toString());
  }

  @Test
  void fields_checkTheFormat_andAMissingResourceOrFieldIsADefect() {
    assertThrows(dev.linli.core.DataFormatException.class, () -> BundledJson.fields(
        CircleStandard.class, "gb50180-2018.json", StarRating.FORMAT));
    assertThrows(IllegalStateException.class, () -> BundledJson.fields(CircleStandard.class,
        "no-such.json", CircleStandard.FORMAT));
    ObjectNode f = BundledJson.fields(CircleStandard.class, "gb50180-2018.json",
        CircleStandard.FORMAT);
    assertEquals("gb50180-2018-hangzhou", BundledJson.text(f, "id"));
    assertThrows(IllegalStateException.class, () -> BundledJson.text(f, "levels"));
    assertThrows(IllegalStateException.class, () -> BundledJson.number(f, "nothing"));
    assertThrows(IllegalStateException.class, () -> BundledJson.integer(f, "id"));
    assertEquals(false, BundledJson.flag(f, "nothing"));
    assertEquals(null, BundledJson.optionalInteger(f, "nothing"));
  }
}
