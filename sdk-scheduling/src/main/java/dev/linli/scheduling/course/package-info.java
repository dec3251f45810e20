/**
 * Classes and courses (湘湖's weekend dance class): an offering with an instructor, a number of
 * places and a set of sessions, enrolled all sessions or none through the booking engine, with a
 * class waitlist, drop-outs and attendance per session.
 *
 * @since 0.2.0
 */
package dev.linli.scheduling.course;
