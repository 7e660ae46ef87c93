-- CreateTable
CREATE TABLE "CaOwner" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "ccadbId" TEXT,

    CONSTRAINT "CaOwner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "caOwnerId" TEXT,
    "bugNumber" INTEGER,
    "title" TEXT,
    "whiteboard" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "nextUpdate" TEXT,
    "becameAwareAt" TIMESTAMP(3),
    "incidentDescription" TEXT NOT NULL,
    "nonComplianceStartAt" TIMESTAMP(3),
    "nonComplianceStartDateOnly" BOOLEAN,
    "nonComplianceStartWrittenAs" TEXT,
    "nonComplianceIdentifiedAt" TIMESTAMP(3),
    "nonComplianceIdentifiedDateOnly" BOOLEAN,
    "nonComplianceIdentifiedWrittenAs" TEXT,
    "nonComplianceEndAt" TIMESTAMP(3),
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AffectedCertificate" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "certificateSha256" TEXT,
    "precertificateSha256" TEXT,
    "serialHex" TEXT,
    "subject" TEXT,
    "issuer" TEXT,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "issuedAt" TIMESTAMP(3),
    "dnsNames" TEXT NOT NULL DEFAULT '[]',
    "crtShId" TEXT,
    "certSpotterId" TEXT,
    "links" TEXT NOT NULL DEFAULT '[]',
    "reportedProblem" TEXT,
    "isRevoked" TEXT,
    "revocationDate" TIMESTAMP(3),
    "revocationReason" TEXT,
    "pem" TEXT,
    "der" BYTEA,
    "ocspUrls" TEXT,
    "caIssuersUrls" TEXT,
    "crlUrls" TEXT,
    "isPrecertificate" BOOLEAN NOT NULL DEFAULT false,
    "issuerCertificateId" TEXT,

    CONSTRAINT "AffectedCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "utcOffsetMinutes" INTEGER NOT NULL,
    "writtenAs" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "TimelineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelatedIncident" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "bug" TEXT NOT NULL,
    "bugUrl" TEXT,
    "date" TEXT,
    "description" TEXT NOT NULL,

    CONSTRAINT "RelatedIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContributingFactor" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "timeline" TEXT NOT NULL,
    "detection" TEXT NOT NULL,
    "interaction" TEXT NOT NULL,
    "methodology" TEXT,

    CONSTRAINT "ContributingFactor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonLearned" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "LessonLearned_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rootCausesText" TEXT NOT NULL,
    "evaluationCriteria" TEXT NOT NULL,
    "dueDate" TEXT,
    "dueDateText" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItemRootCause" (
    "actionItemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "contributingFactorId" TEXT NOT NULL,

    CONSTRAINT "ActionItemRootCause_pkey" PRIMARY KEY ("actionItemId","position")
);

-- CreateTable
CREATE TABLE "IssuerCertificate" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "spkiSha256" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "der" BYTEA NOT NULL,

    CONSTRAINT "IssuerCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationSweep" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "certificateIds" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RevocationSweep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationCheck" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "sweepId" TEXT,
    "protocol" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "method" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "contentType" TEXT,
    "requestBytes" BYTEA,
    "responseBytes" BYTEA,
    "parsedJson" TEXT,
    "verdict" TEXT NOT NULL,
    "verdictDetail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevocationCheck_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_caOwnerId_fkey" FOREIGN KEY ("caOwnerId") REFERENCES "CaOwner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffectedCertificate" ADD CONSTRAINT "AffectedCertificate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffectedCertificate" ADD CONSTRAINT "AffectedCertificate_issuerCertificateId_fkey" FOREIGN KEY ("issuerCertificateId") REFERENCES "IssuerCertificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelatedIncident" ADD CONSTRAINT "RelatedIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContributingFactor" ADD CONSTRAINT "ContributingFactor_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonLearned" ADD CONSTRAINT "LessonLearned_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItemRootCause" ADD CONSTRAINT "ActionItemRootCause_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "ActionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItemRootCause" ADD CONSTRAINT "ActionItemRootCause_contributingFactorId_fkey" FOREIGN KEY ("contributingFactorId") REFERENCES "ContributingFactor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuerCertificate" ADD CONSTRAINT "IssuerCertificate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationSweep" ADD CONSTRAINT "RevocationSweep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationCheck" ADD CONSTRAINT "RevocationCheck_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "AffectedCertificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationCheck" ADD CONSTRAINT "RevocationCheck_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "RevocationSweep"("id") ON DELETE SET NULL ON UPDATE CASCADE;
