-- CreateTable
CREATE TABLE "CaOwner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "ccadbId" TEXT
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caOwnerId" TEXT,
    "bugNumber" INTEGER,
    "title" TEXT,
    "whiteboard" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "nextUpdate" TEXT,
    "becameAwareAt" DATETIME,
    "incidentDescription" TEXT NOT NULL,
    "nonComplianceStartAt" DATETIME,
    "nonComplianceStartDateOnly" BOOLEAN,
    "nonComplianceStartWrittenAs" TEXT,
    "nonComplianceIdentifiedAt" DATETIME,
    "nonComplianceIdentifiedDateOnly" BOOLEAN,
    "nonComplianceIdentifiedWrittenAs" TEXT,
    "nonComplianceEndAt" DATETIME,
    "nonComplianceEndDateOnly" BOOLEAN,
    "nonComplianceEndWrittenAs" TEXT,
    "relevantPolicies" TEXT NOT NULL,
    "disclosureSource" TEXT,
    "disclosureSourceText" TEXT NOT NULL,
    "impactTotalCertificates" INTEGER,
    "impactTotalCertificatesText" TEXT NOT NULL,
    "impactRemainingValid" INTEGER,
    "impactRemainingValidText" TEXT NOT NULL,
    "impactAffectedTypes" TEXT NOT NULL DEFAULT '[]',
    "impactAffectedTypesText" TEXT NOT NULL,
    "impactIncidentHeuristic" TEXT NOT NULL,
    "impactIssuanceStopped" TEXT NOT NULL,
    "impactAnalysis" TEXT NOT NULL,
    "impactAdditionalConsiderations" TEXT NOT NULL,
    "timelineNote" TEXT NOT NULL,
    "appendix" TEXT NOT NULL,
    "closureRootCauses" TEXT NOT NULL,
    "closureRemediationDescription" TEXT NOT NULL,
    "closureCommitmentSummary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_caOwnerId_fkey" FOREIGN KEY ("caOwnerId") REFERENCES "CaOwner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AffectedCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "certificateSha256" TEXT,
    "precertificateSha256" TEXT,
    "serialHex" TEXT,
    "subject" TEXT,
    "issuer" TEXT,
    "notBefore" DATETIME,
    "notAfter" DATETIME,
    "issuedAt" DATETIME,
    "dnsNames" TEXT NOT NULL DEFAULT '[]',
    "crtShId" TEXT,
    "certSpotterId" TEXT,
    "links" TEXT NOT NULL DEFAULT '[]',
    "reportedProblem" TEXT,
    "isRevoked" TEXT,
    "revocationDate" DATETIME,
    "revocationReason" TEXT,
    "pem" TEXT,
    "der" BLOB,
    "ocspUrls" TEXT,
    "caIssuersUrls" TEXT,
    "crlUrls" TEXT,
    "isPrecertificate" BOOLEAN NOT NULL DEFAULT false,
    "issuerCertificateId" TEXT,
    CONSTRAINT "AffectedCertificate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AffectedCertificate_issuerCertificateId_fkey" FOREIGN KEY ("issuerCertificateId") REFERENCES "IssuerCertificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "utcOffsetMinutes" INTEGER NOT NULL,
    "writtenAs" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "TimelineEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelatedIncident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "bug" TEXT NOT NULL,
    "bugUrl" TEXT,
    "date" TEXT,
    "description" TEXT NOT NULL,
    CONSTRAINT "RelatedIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContributingFactor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "timeline" TEXT NOT NULL,
    "detection" TEXT NOT NULL,
    "interaction" TEXT NOT NULL,
    "methodology" TEXT,
    CONSTRAINT "ContributingFactor_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonLearned" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "LessonLearned_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rootCausesText" TEXT NOT NULL,
    "evaluationCriteria" TEXT NOT NULL,
    "dueDate" TEXT,
    "dueDateText" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    CONSTRAINT "ActionItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItemRootCause" (
    "actionItemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "contributingFactorId" TEXT NOT NULL,

    PRIMARY KEY ("actionItemId", "position"),
    CONSTRAINT "ActionItemRootCause_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "ActionItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionItemRootCause_contributingFactorId_fkey" FOREIGN KEY ("contributingFactorId") REFERENCES "ContributingFactor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssuerCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "spkiSha256" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "der" BLOB NOT NULL,
    CONSTRAINT "IssuerCertificate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevocationSweep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "certificateIds" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "RevocationSweep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevocationCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "sweepId" TEXT,
    "protocol" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "method" TEXT,
    "startedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "contentType" TEXT,
    "requestBytes" BLOB,
    "responseBytes" BLOB,
    "parsedJson" TEXT,
    "verdict" TEXT NOT NULL,
    "verdictDetail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RevocationCheck_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "AffectedCertificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RevocationCheck_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "RevocationSweep" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CaOwner_ccadbId_name_key" ON "CaOwner"("ccadbId", "name");

-- CreateIndex
CREATE INDEX "Incident_bugNumber_idx" ON "Incident"("bugNumber");

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt");

-- CreateIndex
CREATE INDEX "AffectedCertificate_incidentId_position_idx" ON "AffectedCertificate"("incidentId", "position");

-- CreateIndex
CREATE INDEX "AffectedCertificate_certificateSha256_idx" ON "AffectedCertificate"("certificateSha256");

-- CreateIndex
CREATE INDEX "AffectedCertificate_issuerCertificateId_idx" ON "AffectedCertificate"("issuerCertificateId");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEvent_incidentId_position_key" ON "TimelineEvent"("incidentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RelatedIncident_incidentId_position_key" ON "RelatedIncident"("incidentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ContributingFactor_incidentId_number_key" ON "ContributingFactor"("incidentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ContributingFactor_incidentId_position_key" ON "ContributingFactor"("incidentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "LessonLearned_incidentId_kind_position_key" ON "LessonLearned"("incidentId", "kind", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_incidentId_position_key" ON "ActionItem"("incidentId", "position");

-- CreateIndex
CREATE INDEX "ActionItemRootCause_contributingFactorId_idx" ON "ActionItemRootCause"("contributingFactorId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuerCertificate_incidentId_sha256_key" ON "IssuerCertificate"("incidentId", "sha256");

-- CreateIndex
CREATE INDEX "RevocationSweep_incidentId_startedAt_idx" ON "RevocationSweep"("incidentId", "startedAt");

-- CreateIndex
CREATE INDEX "RevocationCheck_certificateId_startedAt_idx" ON "RevocationCheck"("certificateId", "startedAt");

-- CreateIndex
CREATE INDEX "RevocationCheck_sweepId_idx" ON "RevocationCheck"("sweepId");
