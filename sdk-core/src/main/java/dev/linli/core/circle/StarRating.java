package dev.linli.core.circle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.internal.BundledJson;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The five-star, three-colour rating (五星三色) of communities, as data: each star is earned when the
 * mean score of its facility categories reaches a threshold, and each community gets the first colour
 * whose minimum stars and minimum index it meets.
 *
 * <p>The bundled {@link #defaults()} is Linli's reading, not an official scheme (the articles name the
 * rating but not its rules): five stars of 80 points each, 治理星 governance, 育学星 education, 康养星
 * elderly care and health, 文体星 culture and sports, 便民星 commerce and convenience; colours 红 red
 * (4 or more stars and index 80 or more), 黄 yellow (2 or more stars and index 60 or more) and 灰 grey
 * (the rest). A district loads its own with {@link #parse}. Category scores and the index are 0–100
 * ({@link CommunityProfile}); a category the health check does not score counts 0. Colours are listed
 * best first and the last must ask for nothing, so every community gets one. Immutable and
 * thread-safe.
 *
 * @param id stable id
 * @param name bilingual name, not null
 * @param stars the stars, one to five, codes unique
 * @param colours the colours, best first, codes unique, the last with no minimum
 * @since 0.2.0
 */
public record StarRating(String id, Name name, List<Star> stars, List<Colour> colours) {
  /** The {@code format} of a star rating document. */
  public static final String FORMAT = "linli-star-rating";

  /**
   * One star: earned when the mean score of {@code categories} is at least {@code minScore}.
   *
   * @param code short code, such as {@code governance}
   * @param name bilingual name, not null
   * @param categories facility category codes, at least one
   * @param minScore threshold on the 0–100 category score
   */
  public record Star(String code, Name name, List<String> categories, double minScore) {
    /** @throws InvalidValueException if a field is missing or out of range */
    public Star {
      Id.require(code, "code");
      InvalidValueException.requirePresent(name, "name");
      categories = List.copyOf(InvalidValueException.requirePresent(categories, "categories"));
      InvalidValueException.check(!categories.isEmpty(), "categories", "[]",
          "a star needs at least one category");
      InvalidValueException.check(Double.isFinite(minScore) && minScore >= 0 && minScore <= 100,
          "minScore", minScore, "must be a score between 0 and 100");
    }
  }

  /**
   * One colour: given to a community with at least {@code minStars} stars and an index of at least
   * {@code minIndex}, unless a better colour already applies.
   *
   * @param code short code, such as {@code red}
   * @param name bilingual name, not null
   * @param minStars stars needed, 0 or more
   * @param minIndex index needed, 0–100
   */
  public record Colour(String code, Name name, int minStars, double minIndex) {
    /** @throws InvalidValueException if a field is missing or out of range */
    public Colour {
      Id.require(code, "code");
      InvalidValueException.requirePresent(name, "name");
      InvalidValueException.check(minStars >= 0, "minStars", minStars, "must be >= 0");
      InvalidValueException.check(Double.isFinite(minIndex) && minIndex >= 0 && minIndex <= 100,
          "minIndex", minIndex, "must be an index between 0 and 100");
    }
  }

  /**
   * What one community earned.
   *
   * @param stars how many stars, 0 to the rating's number of stars
   * @param earned the codes of the stars earned, in the rating's order
   * @param colour the code of its colour
   */
  public record Grade(int stars, List<String> earned, String colour) {
    /** Copies the list. */
    public Grade {
      earned = List.copyOf(earned);
    }
  }

  /**
   * Validates the rating.
   *
   * @throws InvalidValueException naming the star or colour at fault
   */
  public StarRating {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    stars = List.copyOf(InvalidValueException.requirePresent(stars, "stars"));
    colours = List.copyOf(InvalidValueException.requirePresent(colours, "colours"));
    InvalidValueException.check(!stars.isEmpty() && stars.size() <= 5, "stars",
        stars.size() + " stars", "needs one to five stars (五星)");
    InvalidValueException.check(!colours.isEmpty(), "colours", "[]", "needs at least one colour");
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < stars.size(); i++) {
      InvalidValueException.check(codes.add(stars.get(i).code()), "stars[" + i + "].code",
          stars.get(i).code(), "must be unique");
    }
    codes.clear();
    for (int i = 0; i < colours.size(); i++) {
      Colour c = colours.get(i);
      InvalidValueException.check(codes.add(c.code()), "colours[" + i + "].code", c.code(),
          "must be unique");
      InvalidValueException.check(c.minStars() <= stars.size(), "colours[" + i + "].minStars",
          c.minStars(), "must be at most the number of stars, " + stars.size());
    }
    Colour last = colours.get(colours.size() - 1);
    InvalidValueException.check(last.minStars() == 0 && last.minIndex() == 0,
        "colours[" + (colours.size() - 1) + "]", last.code(),
        "the last colour must have minStars 0 and minIndex 0, so that every community gets one");
  }

  /**
   * Returns the bundled rating (see the class description).
   *
   * @return the rating
   */
  public static StarRating defaults() {
    return Bundled.DEFAULTS;
  }

  /**
   * Reads a rating document ({@code "format": "linli-star-rating"}, {@code "version": 1}).
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the rating
   * @throws dev.linli.core.DataFormatException naming the JSON path of each problem
   */
  public static StarRating parse(InputStream in, String source) {
    return JsonDocuments.read(in, source, FORMAT, StarRating.class, false);
  }

  /**
   * Returns this rating as a JSON document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    return JsonDocuments.write(this, FORMAT);
  }

  /**
   * Returns the codes of every category the stars use.
   *
   * @return category codes, in order of first use
   */
  public List<String> categories() {
    List<String> out = new ArrayList<>();
    for (Star s : stars) {
      for (String c : s.categories()) {
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Grades one community.
   *
   * @param categoryScores score per category code, 0–100; a category not given counts 0
   * @param index the composite index, 0–100
   * @return the stars earned and the colour
   */
  public Grade grade(Map<String, Double> categoryScores, double index) {
    List<String> earned = new ArrayList<>();
    for (Star s : stars) {
      double sum = 0;
      for (String c : s.categories()) {
        sum += categoryScores.getOrDefault(c, 0.0);
      }
      // A small tolerance so that a score printed as 80.00 is not a star short of 80.
      if (sum / s.categories().size() >= s.minScore() - 1e-9) {
        earned.add(s.code());
      }
    }
    for (Colour c : colours) {
      if (earned.size() >= c.minStars() && index >= c.minIndex() - 1e-9) {
        return new Grade(earned.size(), earned, c.code());
      }
    }
    throw new AssertionError("the last colour asks for nothing");
  }

  /**
   * Returns a colour by code.
   *
   * @param code a colour code of this rating
   * @return the colour
   * @throws IllegalArgumentException if there is none
   */
  public Colour colour(String code) {
    return colours.stream().filter(c -> c.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no colour " + code));
  }

  /**
   * The bundled rating, read field by field without a mapper ({@link BundledJson}); the same
   * record as {@code JsonDocuments.bundled} reads (BundledJsonTest).
   */
  static final class Bundled {
    static final String RESOURCE = "five-stars-three-colours.json";
    static final StarRating DEFAULTS = read();

    static StarRating read() {
      ObjectNode f = BundledJson.fields(StarRating.class, RESOURCE, FORMAT);
      List<Star> stars = new ArrayList<>();
      for (JsonNode s : BundledJson.elements(f, "stars")) {
        stars.add(new Star(BundledJson.text(s, "code"), BundledJson.name(s, "name"),
            BundledJson.texts(s, "categories"), BundledJson.number(s, "minScore")));
      }
      List<Colour> colours = new ArrayList<>();
      for (JsonNode c : BundledJson.elements(f, "colours")) {
        colours.add(new Colour(BundledJson.text(c, "code"), BundledJson.name(c, "name"),
            BundledJson.integer(c, "minStars"), BundledJson.number(c, "minIndex")));
      }
      return new StarRating(BundledJson.text(f, "id"), BundledJson.name(f, "name"), stars,
          colours);
    }
  }
}
