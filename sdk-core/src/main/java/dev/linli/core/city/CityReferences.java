package dev.linli.core.city;

import dev.linli.core.facility.Facility;
import dev.linli.core.Problem;
import dev.linli.core.people.Activity;
import dev.linli.core.people.Organisation;
import dev.linli.core.people.Resident;
import dev.linli.core.people.Team;
import dev.linli.core.people.Volunteer;
import dev.linli.core.people.Wish;
import dev.linli.core.place.Building;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Estate;
import dev.linli.core.place.Grid;
import dev.linli.core.place.Household;
import dev.linli.core.place.NeighbourhoodCentre;
import dev.linli.core.place.Subdistrict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Checks unique ids and references across a city's parts, collecting every problem. */
final class CityReferences {
  private final List<Problem> problems = new ArrayList<>();
  private final String source;

  private CityReferences(String source) {
    this.source = source;
  }

  static List<Problem> check(CityBuilder city, String source) {
    List<District> districts = city.districts;
    List<Subdistrict> subdistricts = city.subdistricts;
    List<Community> communities = city.communities;
    List<Estate> estates = city.estates;
    List<Building> buildings = city.buildings;
    List<Household> households = city.households;
    List<Grid> grids = city.grids;
    List<NeighbourhoodCentre> centres = city.centres;
    List<Resident> residents = city.residents;
    List<Volunteer> volunteers = city.volunteers;
    List<Team> teams = city.teams;
    List<Organisation> organisations = city.organisations;
    List<Activity> activities = city.activities;
    List<Wish> wishes = city.wishes;
    List<Facility> facilities = city.facilities;
    CityReferences c = new CityReferences(source);
    Set<String> districtIds = c.ids("districts", districts, District::id);
    Set<String> subdistrictIds = c.ids("subdistricts", subdistricts, Subdistrict::id);
    Set<String> communityIds = c.ids("communities", communities, Community::id);
    Set<String> estateIds = c.ids("estates", estates, Estate::id);
    Set<String> buildingIds = c.ids("buildings", buildings, Building::id);
    Set<String> householdIds = c.ids("households", households, Household::id);
    Set<String> gridIds = c.ids("grids", grids, Grid::id);
    Set<String> centreIds = c.ids("centres", centres, NeighbourhoodCentre::id);
    Set<String> residentIds = c.ids("residents", residents, Resident::id);
    Set<String> volunteerIds = c.ids("volunteers", volunteers, Volunteer::id);
    Set<String> teamIds = c.ids("teams", teams, Team::id);
    Set<String> organisationIds = c.ids("organisations", organisations, Organisation::id);
    c.ids("activities", activities, Activity::id);
    c.ids("wishes", wishes, Wish::id);
    // The facilities' ids and both references in one walk; their reference problems are added
    // last, where the two walks of their own put them.
    List<Problem> facilityCommunities = new ArrayList<>();
    List<Problem> facilitySites = new ArrayList<>();
    Set<String> facilityIds = c.facilities(facilities, communityIds, centreIds,
        facilityCommunities, facilitySites);

    c.refs("subdistricts", subdistricts, "districtId", Subdistrict::districtId, districtIds, "district");
    c.refs("communities", communities, "subdistrictId", Community::subdistrictId, subdistrictIds,
        "subdistrict");
    c.refs("estates", estates, "communityId", Estate::communityId, communityIds, "community");
    c.refs("buildings", buildings, "estateId", Building::estateId, estateIds, "estate");
    c.refs("households", households, "buildingId", Household::buildingId, buildingIds, "building");
    c.refs("households", households, "gridId", Household::gridId, gridIds, "grid");
    c.refs("grids", grids, "communityId", Grid::communityId, communityIds, "community");
    c.refs("centres", centres, "communityId", NeighbourhoodCentre::communityId, communityIds,
        "community");
    c.refs("residents", residents, "householdId", Resident::householdId, householdIds, "household");
    c.refs("volunteers", volunteers, "residentId", Volunteer::residentId, residentIds, "resident");
    c.refs("volunteers", volunteers, "organisationId", Volunteer::organisationId, organisationIds,
        "organisation");
    for (int i = 0; i < volunteers.size(); i++) {
      for (String teamId : volunteers.get(i).teamIds()) {
        c.ref("volunteers", i, "teamIds", teamId, teamIds, "team");
      }
    }
    c.refs("teams", teams, "communityId", Team::communityId, communityIds, "community");
    c.refs("teams", teams, "organisationId", Team::organisationId, organisationIds, "organisation");
    c.refs("teams", teams, "leaderId", Team::leaderId, volunteerIds, "volunteer");
    c.refs("organisations", organisations, "parentId", Organisation::parentId, organisationIds,
        "organisation");
    for (int i = 0; i < organisations.size(); i++) {
      for (String communityId : organisations.get(i).communityIds()) {
        c.ref("organisations", i, "communityIds", communityId, communityIds, "community");
      }
    }
    if (!activities.isEmpty()) {
      // Only activities need these unions; a city of facilities alone is spared a copy of its ids.
      Set<String> organisers = union(teamIds, organisationIds);
      Set<String> places = union(facilityIds, centreIds);
      c.refs("activities", activities, "communityId", Activity::communityId, communityIds,
          "community");
      c.refs("activities", activities, "organiserId", Activity::organiserId, organisers,
          "team or organisation");
      c.refs("activities", activities, "placeId", Activity::placeId, places,
          "facility or neighbourhood centre");
    }
    c.refs("wishes", wishes, "communityId", Wish::communityId, communityIds, "community");
    c.refs("wishes", wishes, "requesterId", Wish::requesterId, residentIds, "resident");
    c.problems.addAll(facilityCommunities);
    c.problems.addAll(facilitySites);
    return c.problems;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private <T> Set<String> ids(String kind, List<T> values, Function<T, String> id) {
    // Sized for every id at once: 35,000 facilities grew a default set through 12 rehashes.
    Set<String> seen = new HashSet<>(Math.max(16, (int) (values.size() / 0.75f) + 1));
    for (int i = 0; i < values.size(); i++) {
      String value = id.apply(values.get(i));
      if (!seen.add(value)) {
        problems.add(new Problem(source, 0, kind + "[" + i + "].id",
            "id \"" + value + "\" is used twice; ids must be unique among " + kind));
      }
    }
    return seen;
  }

  /**
   * As {@link #ids} and two {@link #refs} of the facilities, in one walk instead of three: the
   * longest list of a city (35,000 in the health check's), and a walk that runs once per run is
   * interpreted, not compiled, so each walk costs. Id problems are added now; the reference
   * problems go to the two lists given, in facility order.
   */
  private Set<String> facilities(List<Facility> facilities, Set<String> communityIds,
      Set<String> centreIds, List<Problem> communityProblems, List<Problem> siteProblems) {
    Set<String> seen = new HashSet<>(Math.max(16, (int) (facilities.size() / 0.75f) + 1));
    for (int i = 0; i < facilities.size(); i++) {
      Facility f = facilities.get(i);
      if (!seen.add(f.id())) {
        problems.add(new Problem(source, 0, "facilities[" + i + "].id", "id \"" + f.id()
            + "\" is used twice; ids must be unique among facilities"));
      }
      ref(communityProblems, "facilities", i, "communityId", f.communityId(), communityIds,
          "community");
      ref(siteProblems, "facilities", i, "siteId", f.siteId(), centreIds, "neighbourhood centre");
    }
    return seen;
  }

  private <T> void refs(String kind, List<T> values, String field, Function<T, String> ref,
      Set<String> targets, String targetName) {
    for (int i = 0; i < values.size(); i++) {
      ref(kind, i, field, ref.apply(values.get(i)), targets, targetName);
    }
  }

  private void ref(String kind, int index, String field, String id, Set<String> targets,
      String targetName) {
    ref(problems, kind, index, field, id, targets, targetName);
  }

  private void ref(List<Problem> to, String kind, int index, String field, String id,
      Set<String> targets, String targetName) {
    // Optional references are null; present ones must resolve.
    if (id != null && !targets.contains(id)) {
      to.add(new Problem(source, 0, kind + "[" + index + "]." + field,
          "refers to " + targetName + " \"" + id + "\", which is not in the data"));
    }
  }
}
