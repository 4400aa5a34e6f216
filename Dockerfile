# Membership web app. Build: docker build -t membership .   (or: docker compose up --build)
# The LINE emulator (demo mode's fake LINE platform) is the target line-emulator: docker build --target line-emulator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Membership.Web -c Release -o /app

FROM build AS emulator-build
RUN dotnet publish src/Membership.LineEmulator -c Release -o /emulator

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS line-emulator
WORKDIR /emulator
COPY --from=emulator-build /emulator ./
ENV ASPNETCORE_URLS=http://+:5081
EXPOSE 5081
USER $APP_UID
ENTRYPOINT ["dotnet", "Membership.LineEmulator.dll"]

# Last stage: what a plain "docker build ." makes.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS app
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Membership.Web.dll"]
