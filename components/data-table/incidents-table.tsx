"use client";

import {
  type ColumnDef,
  type SortingState,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  flexRender,
} from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { STATUS_LABELS, StatusOptions } from "@/components/incident/status-labels";
import type { IncidentStatus } from "@/lib/reports/model";

/** One incident as the dashboard lists it; dates are ISO strings or null. */
export type IncidentRow = {
  id: string;
  bugNumber: number | null;
  title: string;
  caOwner: string;
  status: IncidentStatus;
  identified: string | null;
  certificates: number;
  openActionItems: number;
  nextDue: string | null;
};


const columns: ColumnDef<IncidentRow>[] = [
  {
    accessorKey: "bugNumber",
    header: "Bug",
    cell: ({ getValue }) => (getValue<number | null>() ?? "—"),
  },
  {
    accessorKey: "title",
    header: "Incident",
    cell: ({ row }) => <Link href={`/incidents/${row.original.id}`}>{row.original.title}</Link>,
  },
  { accessorKey: "caOwner", header: "CA owner" },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ getValue }) => STATUS_LABELS[getValue<IncidentStatus>()],
    filterFn: "equalsString",
  },
  {
    accessorKey: "identified",
    header: "Identified",
    cell: ({ getValue }) => getValue<string | null>()?.slice(0, 10) ?? "—",
  },
  {
    id: "year",
    accessorFn: (row) => row.identified?.slice(0, 4) ?? "",
    filterFn: "equalsString",
    enableHiding: true,
  },
  { accessorKey: "certificates", header: "Certificates" },
  { accessorKey: "openActionItems", header: "Open action items" },
  {
    accessorKey: "nextDue",
    header: "Next due",
    cell: ({ getValue }) => getValue<string | null>() ?? "—",
  },
];

function distinct(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))].sort();
}

/** Sortable, filterable list of incidents (status, CA owner, year, free text). */
export function IncidentsTable({ rows }: { rows: IncidentRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "identified", desc: true }]);
  const [globalFilter, setGlobalFilter] = useState("");
  const [status, setStatus] = useState("");
  const [owner, setOwner] = useState("");
  const [year, setYear] = useState("");

  const columnFilters = useMemo(
    () =>
      [
        { id: "status", value: status },
        { id: "caOwner", value: owner },
        { id: "year", value: year },
      ].filter((f) => f.value !== ""),
    [status, owner, year],
  );

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter, columnFilters, columnVisibility: { year: false } },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const owners = distinct(rows.map((r) => r.caOwner));
  const years = distinct(rows.map((r) => r.identified?.slice(0, 4) ?? ""));

  return (
    <div>
      <div className="toolbar">
        <label>
          Search
          <input
            type="search"
            placeholder="Title, CA, bug…"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            <StatusOptions />
          </select>
        </label>
        <label>
          CA owner
          <select value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">All</option>
            {owners.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Year identified
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">All</option>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        <span className="muted">
          {table.getRowModel().rows.length} of {rows.length} incidents
        </span>
      </div>
      <table aria-label="Incidents">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} aria-sort={ariaSort(header.column.getIsSorted())}>
                  <button type="button" onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {sortMark(header.column.getIsSorted())}
                  </button>
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {table.getRowModel().rows.length === 0 && (
            <tr>
              <td colSpan={columns.length - 1} className="muted">
                No incident matches.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function sortMark(sorted: false | "asc" | "desc"): string {
  return sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : "";
}

function ariaSort(sorted: false | "asc" | "desc"): "ascending" | "descending" | "none" {
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}
