package dev.linli.core.city;

import dev.linli.core.facility.Facility;
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
import java.util.Collection;
import java.util.List;

/**
 * Collects the parts of a {@link City}; {@link #build()} checks them. Not thread-safe: use one
 * builder per thread.
 *
 * @since 0.1.0
 */
public final class CityBuilder {
  final List<District> districts = new ArrayList<>();
  final List<Subdistrict> subdistricts = new ArrayList<>();
  final List<Community> communities = new ArrayList<>();
  final List<Estate> estates = new ArrayList<>();
  final List<Building> buildings = new ArrayList<>();
  final List<Household> households = new ArrayList<>();
  final List<Grid> grids = new ArrayList<>();
  final List<NeighbourhoodCentre> centres = new ArrayList<>();
  final List<Resident> residents = new ArrayList<>();
  final List<Volunteer> volunteers = new ArrayList<>();
  final List<Team> teams = new ArrayList<>();
  final List<Organisation> organisations = new ArrayList<>();
  final List<Activity> activities = new ArrayList<>();
  final List<Wish> wishes = new ArrayList<>();
  final List<Facility> facilities = new ArrayList<>();

  CityBuilder() {}

  CityBuilder(City city) {
    districts.addAll(city.districts());
    subdistricts.addAll(city.subdistricts());
    communities.addAll(city.communities());
    estates.addAll(city.estates());
    buildings.addAll(city.buildings());
    households.addAll(city.households());
    grids.addAll(city.grids());
    centres.addAll(city.centres());
    residents.addAll(city.residents());
    volunteers.addAll(city.volunteers());
    teams.addAll(city.teams());
    organisations.addAll(city.organisations());
    activities.addAll(city.activities());
    wishes.addAll(city.wishes());
    facilities.addAll(city.facilities());
  }

  /** @param values districts to add @return this builder */
  public CityBuilder districts(Collection<District> values) {
    districts.addAll(values);
    return this;
  }

  /** @param values subdistricts to add @return this builder */
  public CityBuilder subdistricts(Collection<Subdistrict> values) {
    subdistricts.addAll(values);
    return this;
  }

  /** @param values communities to add @return this builder */
  public CityBuilder communities(Collection<Community> values) {
    communities.addAll(values);
    return this;
  }

  /** @param values estates to add @return this builder */
  public CityBuilder estates(Collection<Estate> values) {
    estates.addAll(values);
    return this;
  }

  /** @param values buildings to add @return this builder */
  public CityBuilder buildings(Collection<Building> values) {
    buildings.addAll(values);
    return this;
  }

  /** @param values households to add @return this builder */
  public CityBuilder households(Collection<Household> values) {
    households.addAll(values);
    return this;
  }

  /** @param values grids to add @return this builder */
  public CityBuilder grids(Collection<Grid> values) {
    grids.addAll(values);
    return this;
  }

  /** @param values neighbourhood centres to add @return this builder */
  public CityBuilder centres(Collection<NeighbourhoodCentre> values) {
    centres.addAll(values);
    return this;
  }

  /** @param values residents to add @return this builder */
  public CityBuilder residents(Collection<Resident> values) {
    residents.addAll(values);
    return this;
  }

  /** @param values volunteers to add @return this builder */
  public CityBuilder volunteers(Collection<Volunteer> values) {
    volunteers.addAll(values);
    return this;
  }

  /** @param values teams to add @return this builder */
  public CityBuilder teams(Collection<Team> values) {
    teams.addAll(values);
    return this;
  }

  /** @param values organisations to add @return this builder */
  public CityBuilder organisations(Collection<Organisation> values) {
    organisations.addAll(values);
    return this;
  }

  /** @param values activities to add @return this builder */
  public CityBuilder activities(Collection<Activity> values) {
    activities.addAll(values);
    return this;
  }

  /** @param values wishes to add @return this builder */
  public CityBuilder wishes(Collection<Wish> values) {
    wishes.addAll(values);
    return this;
  }

  /** @param values facilities to add @return this builder */
  public CityBuilder facilities(Collection<Facility> values) {
    facilities.addAll(values);
    return this;
  }

  /**
   * Removes every facility collected so far, to replace them with {@link #facilities}.
   *
   * @return this builder
   * @since 0.2.0
   */
  public CityBuilder withoutFacilities() {
    facilities.clear();
    return this;
  }

  /**
   * Returns every repeated id and dangling reference in the collected parts, without building.
   *
   * @return the problems, each with a path such as {@code communities[3].subdistrictId}; empty if
   *     {@link #build()} would succeed as far as references go
   */
  public List<dev.linli.core.Problem> problems() {
    return CityReferences.check(this, "city");
  }

  /**
   * Builds the city, checking ids and references.
   *
   * @return the city
   * @throws dev.linli.core.InvalidValueException if an id repeats or a reference is dangling
   */
  public City build() {
    return new City(this);
  }
}
